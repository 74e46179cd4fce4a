// IT load-shared-base-containerd: the checks of load-shared-base, against the Docker 26 engine (containerd image store).
return evaluate(new File(itLib, '../load-shared-base/verify.groovy'))
