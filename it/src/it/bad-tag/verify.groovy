// IT bad-tag: the plugin fails, names <tags> and the bad value, and says what a valid tag looks like; no layout
// is left behind.
def dl = evaluate(new File(itLib, 'support.groovy'))
dl.checkPluginFailure('<tags>', ['Bad Tag!'],
        ['(letters|A-Za-z)[^\\n]*(digits|0-9)', '(fix|use)[^\\n]*<tag>'])
true
