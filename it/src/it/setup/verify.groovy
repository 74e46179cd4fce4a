// The setup also checks, once and up front, that the tools every IT relies on are there and answer.
def dl = evaluate(new File(itLib, 'support.groovy'))

dl.env('DOCKER_HOST')
dl.env('DL_JRE_OCI')
dl.run(['skopeo', '--version'])
dl.run(['umoci', '--version'])
dl.run(['tar', '--version'])
dl.run(['docker', 'version'], 60)

dl.existing('snapshot-lib/target/classes/it/setup/snapshot/Banner.class')
File installed = new File(localRepositoryPath, 'it/setup/snapshot-lib/1.0-SNAPSHOT/snapshot-lib-1.0-SNAPSHOT.jar')
dl.check(installed.isFile(), "the setup did not install ${installed}")
File parent = new File(localRepositoryPath, 'it/dockerlayer/it-parent/1.0/it-parent-1.0.pom')
dl.check(parent.isFile(), "the setup did not install ${parent}")
dl.check(!parent.text.contains('@project.version@'), "${parent} was not filtered by the invoker")
true
