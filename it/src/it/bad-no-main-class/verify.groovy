// IT bad-no-main-class: the plugin fails, names <mainClass> and says to set it; no layout is left behind.
def dl = evaluate(new File(itLib, 'support.groovy'))
dl.checkPluginFailure('<mainClass>', ['public static void main(String[])'],
        ['(fix|set|add|configure|specify)[^.]*<mainClass>', 'docker-layer\\.mainClass'])
true
