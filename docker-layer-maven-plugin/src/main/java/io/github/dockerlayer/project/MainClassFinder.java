package io.github.dockerlayer.project;

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

/**
 * Finds the classes of a directory that declare a main method {@code java} launches, by reading their bytecode:
 * {@code public static void main(String[])}, and in classes compiled for Java 25 or later also a non-private
 * {@code main()} or {@code main(String[])}, static or not (JEP 512).
 */
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
                new ClassReader(in)
                        .accept(visitor, ClassReader.SKIP_CODE | ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
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

        /** Whether the class may use Java 25's launch protocol (JEP 512): compiled for 25 or later, and instantiable. */
        private boolean java25Launch;

        @Override
        public void visit(
                int version, int access, String name, String signature, String superName, String[] interfaces) {
            this.name = name;
            this.java25Launch =
                    (version & 0xFFFF) >= Opcodes.V25 && (access & (Opcodes.ACC_INTERFACE | Opcodes.ACC_ABSTRACT)) == 0;
        }

        @Override
        public MethodVisitor visitMethod(
                int access, String name, String descriptor, String signature, String[] exceptions) {
            if (!"main".equals(name)) {
                return null;
            }
            int publicStatic = Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC;
            if ("([Ljava/lang/String;)V".equals(descriptor) && (access & publicStatic) == publicStatic) {
                hasMain = true;
            }
            // Java 25 also launches a non-private main, static or not, with or without String[] (a compact source
            // file's implicit class, or `void main()` in an ordinary class).
            if (java25Launch
                    && (access & Opcodes.ACC_PRIVATE) == 0
                    && ("([Ljava/lang/String;)V".equals(descriptor) || "()V".equals(descriptor))) {
                hasMain = true;
            }
            return null;
        }
    }
}
