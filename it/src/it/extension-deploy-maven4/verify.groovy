// IT extension-deploy-maven4: the checks of extension-deploy, in this directory (they expect Maven 4 here, by name).
return evaluate(new File(itLib, '../extension-deploy/verify.groovy'))
