package io.github.dockerlayer.build;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/** Finds the classes of a directory that declare {@code public static void main(String[])}, by reading their bytecode. */
public final class MainClassFinder {
    private MainClassFinder() {}

    /** The binary names of the classes with a main method, sorted. */
    public static List<String> find(Path classesDirectory) throws IOException {
        List<String> found = new ArrayList<>();
        if (!Files.isDirectory(classesDirectory)) {
            return found;
        }
        List<Path> classFiles;
        try (Stream<Path> walk = Files.walk(classesDirectory)) {
            classFiles = walk.filter(p -> p.toString().endsWith(".class"))
                    .filter(p -> !p.getFileName().toString().equals("module-info.class"))
                    .filter(p -> !classesDirectory.relativize(p).startsWith("META-INF"))
                    .sorted()
                    .toList();
        }
        for (Path classFile : classFiles) {
            try (InputStream in = Files.newInputStream(classFile)) {
                MainVisitor visitor = new MainVisitor();
                new ClassReader(in).accept(visitor, ClassReader.SKIP_CODE | ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
                if (visitor.hasMain) {
                    found.add(visitor.name.replace('/', '.'));
                }
            } catch (IllegalArgumentException | ArrayIndexOutOfBoundsException unreadable) {
                // Not a class file ASM can read (a newer class-file version, or a corrupt file): not a candidate.
            }
        }
        return found.stream().sorted().toList();
    }

    private static final class MainVisitor extends ClassVisitor {
        String name;
        boolean hasMain;

        MainVisitor() {
            super(Opcodes.ASM9);
        }

        @Override
        public void visit(int version, int access, String name, String signature, String superName, String[] interfaces) {
            this.name = name;
        }

        @Override
        public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
            int publicStatic = Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC;
            if ("main".equals(name) && "([Ljava/lang/String;)V".equals(descriptor) && (access & publicStatic) == publicStatic) {
                hasMain = true;
            }
            return null;
        }
    }
}
