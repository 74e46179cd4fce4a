// IT bad-main-class: a <mainClass> that is not on the classpath fails the build naming <mainClass>, the class and
// the fix, instead of building an image java cannot start; no layout is left behind.
def dl = evaluate(new File(itLib, 'support.groovy'))
dl.checkPluginFailure('<mainClass>', ["'demo.Servr' is neither among bad-main-class's classes nor in its runtime dependencies"],
        ['check the fully qualified name'])
true
