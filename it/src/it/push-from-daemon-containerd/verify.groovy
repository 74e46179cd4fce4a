// IT push-from-daemon-containerd: the checks of push-from-daemon, through the Docker 26 engine (containerd image
// store), which reports the pushed digest only in a status line.
return evaluate(new File(itLib, '../push-from-daemon/verify.groovy'))
