// IT dockerfile-load-containerd: the checks of dockerfile-load, against the Docker 26 engine (containerd image store).
return evaluate(new File(itLib, '../dockerfile-load/verify.groovy'))
