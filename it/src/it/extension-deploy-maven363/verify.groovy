// IT extension-deploy-maven363: the checks of extension-deploy, in this directory (they expect the Maven version by name).
return evaluate(new File(itLib, '../extension-deploy/verify.groovy'))
