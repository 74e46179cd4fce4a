package io.github.dockerlayer.project;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

class MainClassFinderTest {
    private static final String MAIN_DESCRIPTOR = "([Ljava/lang/String;)V";
    private static final int PUBLIC_STATIC = Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC;

    @TempDir
    Path classes;

    /** A class file of {@code internalName} with one method {@code name descriptor} of {@code access}, or none. */
    private static byte[] classBytes(String internalName, int access, String name, String descriptor) {
        return classBytes(Opcodes.V17, internalName, access, name, descriptor);
    }

    private static byte[] classBytes(int version, String internalName, int access, String name, String descriptor) {
        ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_MAXS);
        cw.visit(version, Opcodes.ACC_PUBLIC | Opcodes.ACC_SUPER, internalName, null, "java/lang/Object", null);
        if (name != null) {
            MethodVisitor mv = cw.visitMethod(access, name, descriptor, null, null);
            mv.visitCode();
            Type returnType =
                    descriptor.endsWith(")V") ? Type.VOID : descriptor.endsWith(")I") ? Type.INT : Type.OBJECT;
            switch (returnType) {
                case VOID -> mv.visitInsn(Opcodes.RETURN);
                case INT -> {
                    mv.visitInsn(Opcodes.ICONST_0);
                    mv.visitInsn(Opcodes.IRETURN);
                }
                case OBJECT -> {
                    mv.visitInsn(Opcodes.ACONST_NULL);
                    mv.visitInsn(Opcodes.ARETURN);
                }
            }
            mv.visitMaxs(0, 0);
            mv.visitEnd();
        }
        cw.visitEnd();
        return cw.toByteArray();
    }

    private enum Type {
        VOID,
        INT,
        OBJECT
    }

    private Path write(String internalName, int access, String name, String descriptor) throws IOException {
        return write(internalName + ".class", internalName, access, name, descriptor);
    }

    private Path write(String relativeFile, String internalName, int access, String name, String descriptor)
            throws IOException {
        Path file = classes.resolve(relativeFile);
        Files.createDirectories(file.getParent());
        Files.write(file, classBytes(internalName, access, name, descriptor));
        return file;
    }

    @Test
    void publicStaticVoidMainIsFound() throws IOException {
        write("Main", PUBLIC_STATIC, "main", MAIN_DESCRIPTOR);
        write("Helper", PUBLIC_STATIC, "help", MAIN_DESCRIPTOR);
        assertEquals(List.of("Main"), MainClassFinder.find(classes));
    }

    @Test
    void varargsMainIsFound() throws IOException {
        write("Varargs", PUBLIC_STATIC | Opcodes.ACC_VARARGS, "main", MAIN_DESCRIPTOR);
        assertEquals(List.of("Varargs"), MainClassFinder.find(classes));
    }

    @Test
    void finalOrSynchronizedMainIsStillAMain() throws IOException {
        write("FinalMain", PUBLIC_STATIC | Opcodes.ACC_FINAL | Opcodes.ACC_SYNCHRONIZED, "main", MAIN_DESCRIPTOR);
        assertEquals(List.of("FinalMain"), MainClassFinder.find(classes));
    }

    @Test
    void nonStaticMainIsNotFound() throws IOException {
        write("Instance", Opcodes.ACC_PUBLIC, "main", MAIN_DESCRIPTOR);
        assertEquals(List.of(), MainClassFinder.find(classes));
    }

    @Test
    void privateOrPackageMainIsNotFound() throws IOException {
        write("Private", Opcodes.ACC_PRIVATE | Opcodes.ACC_STATIC, "main", MAIN_DESCRIPTOR);
        write("Package", Opcodes.ACC_STATIC, "main", MAIN_DESCRIPTOR);
        write("Protected", Opcodes.ACC_PROTECTED | Opcodes.ACC_STATIC, "main", MAIN_DESCRIPTOR);
        assertEquals(List.of(), MainClassFinder.find(classes));
    }

    @Test
    void wrongDescriptorIsNotFound() throws IOException {
        write("NoArgs", PUBLIC_STATIC, "main", "()V");
        write("IntReturn", PUBLIC_STATIC, "main", "([Ljava/lang/String;)I");
        write("ObjectArray", PUBLIC_STATIC, "main", "([Ljava/lang/Object;)V");
        write("TwoDims", PUBLIC_STATIC, "main", "([[Ljava/lang/String;)V");
        write("OneString", PUBLIC_STATIC, "main", "(Ljava/lang/String;)V");
        assertEquals(List.of(), MainClassFinder.find(classes));
    }

    @Test
    void moduleInfoIsIgnored() throws IOException {
        // Even a module-info.class that (oddly) reads as a class with a main method is not a candidate.
        write("module-info.class", "module-info", PUBLIC_STATIC, "main", MAIN_DESCRIPTOR);
        write("com/example/module-info.class", "com/example/module-info", PUBLIC_STATIC, "main", MAIN_DESCRIPTOR);
        assertEquals(List.of(), MainClassFinder.find(classes));
    }

    @Test
    void metaInfIsIgnored() throws IOException {
        write(
                "META-INF/versions/11/com/example/Main.class",
                "com/example/Main",
                PUBLIC_STATIC,
                "main",
                MAIN_DESCRIPTOR);
        assertEquals(List.of(), MainClassFinder.find(classes));
    }

    @Test
    void nestedDirectoriesGiveBinaryNamesWithDots() throws IOException {
        write("com/example/app/Main", PUBLIC_STATIC, "main", MAIN_DESCRIPTOR);
        write("com/example/app/Main$Inner", PUBLIC_STATIC, "main", MAIN_DESCRIPTOR);
        assertEquals(List.of("com.example.app.Main", "com.example.app.Main$Inner"), MainClassFinder.find(classes));
    }

    @Test
    void theNameComesFromTheBytecodeNotTheFile() throws IOException {
        write("com/example/Renamed.class", "org/other/Real", PUBLIC_STATIC, "main", MAIN_DESCRIPTOR);
        assertEquals(List.of("org.other.Real"), MainClassFinder.find(classes));
    }

    @Test
    void severalMainsAreSorted() throws IOException {
        write("zeta/Tool", PUBLIC_STATIC, "main", MAIN_DESCRIPTOR);
        write("alpha/Main", PUBLIC_STATIC, "main", MAIN_DESCRIPTOR);
        write("b/Cli", PUBLIC_STATIC, "main", MAIN_DESCRIPTOR);
        write("b/NotMain", PUBLIC_STATIC, "run", MAIN_DESCRIPTOR);
        write("Top", PUBLIC_STATIC, "main", MAIN_DESCRIPTOR);
        List<String> found = MainClassFinder.find(classes);
        assertEquals(List.of("Top", "alpha.Main", "b.Cli", "zeta.Tool"), found);
    }

    @Test
    void classWithoutMethodsIsNotFound() throws IOException {
        write("Empty", 0, null, null);
        assertEquals(List.of(), MainClassFinder.find(classes));
    }

    @Test
    void missingDirectoryGivesEmptyList() throws IOException {
        assertEquals(List.of(), MainClassFinder.find(classes.resolve("does-not-exist")));
    }

    @Test
    void aFileInsteadOfADirectoryGivesEmptyList() throws IOException {
        Path file = write("Main", PUBLIC_STATIC, "main", MAIN_DESCRIPTOR);
        assertEquals(List.of(), MainClassFinder.find(file));
    }

    @Test
    void unreadableClassFilesAreSkipped() throws IOException {
        write("com/example/Main", PUBLIC_STATIC, "main", MAIN_DESCRIPTOR);
        Files.write(classes.resolve("Empty.class"), new byte[0]);
        Files.write(classes.resolve("Text.class"), "this is not a class file".getBytes(StandardCharsets.UTF_8));
        byte[] whole = classBytes("Truncated", PUBLIC_STATIC, "main", MAIN_DESCRIPTOR);
        Files.write(classes.resolve("Truncated.class"), Arrays.copyOf(whole, whole.length / 2));
        byte[] future = classBytes("Future", PUBLIC_STATIC, "main", MAIN_DESCRIPTOR);
        future[6] = 0;
        future[7] = (byte) 200; // major version 200: newer than ASM knows
        Files.write(classes.resolve("Future.class"), future);
        assertEquals(List.of("com.example.Main"), MainClassFinder.find(classes));
    }

    @Test
    void java25InstanceAndNoArgumentMainsAreFoundInClassesCompiledForJava25() throws IOException {
        Files.write(
                classes.resolve("Hello.class"),
                classBytes(Opcodes.V25, "Hello", 0, "main", "()V")); // compact source file
        Files.write(
                classes.resolve("Tool.class"),
                classBytes(Opcodes.V25, "Tool", Opcodes.ACC_PROTECTED, "main", MAIN_DESCRIPTOR));
        Files.write(
                classes.resolve("Static.class"), classBytes(Opcodes.V25, "Static", Opcodes.ACC_STATIC, "main", "()V"));
        Files.write(
                classes.resolve("Hidden.class"), classBytes(Opcodes.V25, "Hidden", Opcodes.ACC_PRIVATE, "main", "()V"));
        Files.write(classes.resolve("Returns.class"), classBytes(Opcodes.V25, "Returns", 0, "main", "()I"));
        assertEquals(List.of("Hello", "Static", "Tool"), MainClassFinder.find(classes));
    }

    @Test
    void beforeJava25OnlyPublicStaticMainCounts() throws IOException {
        Files.write(classes.resolve("Preview.class"), classBytes(Opcodes.V21, "Preview", 0, "main", "()V"));
        Files.write(
                classes.resolve("Old.class"),
                classBytes(Opcodes.V24, "Old", Opcodes.ACC_PUBLIC, "main", MAIN_DESCRIPTOR));
        assertTrue(MainClassFinder.find(classes).isEmpty());
    }

    @Test
    void nonClassFilesAreIgnored() throws IOException {
        Files.write(classes.resolve("Main.java"), classBytes("Main", PUBLIC_STATIC, "main", MAIN_DESCRIPTOR));
        Files.writeString(classes.resolve("application.properties"), "a=b");
        assertTrue(MainClassFinder.find(classes).isEmpty());
    }
}
