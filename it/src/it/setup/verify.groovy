// The setup also checks, once and up front, that the tools every IT relies on are there and answer.
def dl = evaluate(new File(itLib, 'support.groovy'))

dl.env('DOCKER_HOST')
dl.env('DL_JRE_OCI')
dl.run(['skopeo', '--version'])
dl.run(['umoci', '--version'])
dl.run(['tar', '--version'])
dl.run(['docker', 'version'], 60)

// The second engine: Docker 26 with the containerd image store (.ci/testenv's dockerd26). It must answer the API
// and report the containerd snapshotter, or the ITs that load into it would test the classic store twice.
String docker26 = dl.env('DL_DOCKER26_HOST')
dl.check(docker26 != dl.env('DOCKER_HOST'), "DL_DOCKER26_HOST and DOCKER_HOST name the same engine (${docker26})")
String version26 = dl.run(['docker', '-H', docker26, 'version', '-f', '{{.Server.Version}}'], 60).trim()
String driverStatus = dl.run(['docker', '-H', docker26, 'info', '-f', '{{json .DriverStatus}}'], 60).trim()
dl.check(driverStatus.contains('io.containerd.snapshotter.v1'),
        "the engine at DL_DOCKER26_HOST=${docker26} (Docker ${version26}) does not use the containerd image store: " +
                "docker info shows DriverStatus ${driverStatus}, expected driver-type io.containerd.snapshotter.v1. " +
                "Start it with `bash .ci/testenv start` (service dockerd26).")

dl.existing('snapshot-lib/target/classes/it/setup/snapshot/Banner.class')
File installed = new File(localRepositoryPath, 'it/setup/snapshot-lib/1.0-SNAPSHOT/snapshot-lib-1.0-SNAPSHOT.jar')
dl.check(installed.isFile(), "the setup did not install ${installed}")
File parent = new File(localRepositoryPath, 'it/dockerlayer/it-parent/1.0/it-parent-1.0.pom')
dl.check(parent.isFile(), "the setup did not install ${parent}")
dl.check(!parent.text.contains('@project.version@'), "${parent} was not filtered by the invoker")
true
