// IT daemon-from: a base built on the engine with a RUN step, from the JRE of the loopback registry (never Docker Hub).
def dl = evaluate(new File(itLib, 'support.groovy'))
String jre = dl.env('DL_JRE_IMAGE')
dl.run(['docker', 'pull', jre], 600)
File context = new File(basedir, 'target/jre-context')
context.mkdirs()
new File(context, 'Dockerfile').text = "FROM ${jre}\nRUN echo from-a-run-step > /etc/dl-run-marker\n"
String tag = new File(basedir, 'pom.xml').text.find(/<from>docker-daemon:([^<]+)<\/from>/) { all, ref -> ref }
dl.run(['docker', 'build', '--network', 'none', '-t', tag, context.path], 600, [DOCKER_BUILDKIT: '0'])
return true
