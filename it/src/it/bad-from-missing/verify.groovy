// IT bad-from-missing: the plugin fails, names <from> and the missing path, and says what a valid <from> is;
// no layout is left behind.
def dl = evaluate(new File(itLib, 'support.groovy'))
dl.checkPluginFailure('<from>', ['does-not-exist'],
        ['(fix|check|use)[^\\n]*(scratch|oci:PATH|docker-archive:)'])
true
