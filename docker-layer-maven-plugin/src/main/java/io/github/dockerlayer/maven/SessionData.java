package io.github.dockerlayer.maven;

import java.util.function.Supplier;
import org.apache.maven.execution.MavenSession;

/**
 * What the plugin's goals and modules share in one Maven build, kept in the session's data. One build may load the
 * plugin's classes twice: as an extension ({@code <extensions>true</extensions>}, for the goals it binds) and again
 * for a goal named on the command line, each in its own class realm, and an object of one realm's class cannot be
 * used as the other's. So {@link #ofThisRealm} keeps one object per realm, and {@link #ofBuild} (for objects made of
 * JDK types only) one for the whole build.
 */
final class SessionData {
    private SessionData() {}

    /** The object of {@code type} named {@code name} for this class realm, made by {@code create} on first use. */
    static <T> T ofThisRealm(MavenSession session, Class<T> type, String name, Supplier<T> create) {
        return type.cast(get(session, realmKey(type, name), create));
    }

    /** The object of {@code type} named {@code name} for this class realm, removed from the session; null when none. */
    static <T> T take(MavenSession session, Class<T> type, String name) {
        var data = session.getRepositorySession().getData();
        String key = realmKey(type, name);
        Object found = data.get(key);
        return found != null && data.set(key, found, null) ? type.cast(found) : null;
    }

    private static String realmKey(Class<?> type, String name) {
        return type.getName() + ":" + name + "@"
                + Integer.toHexString(System.identityHashCode(SessionData.class.getClassLoader()));
    }

    /** The object named {@code name} for the whole build, made by {@code create} on first use: JDK types only. */
    static Object ofBuild(MavenSession session, String name, Supplier<?> create) {
        Object made = get(session, SessionData.class.getName() + ":" + name, create);
        if (made.getClass().getClassLoader() != null
                && made.getClass().getClassLoader() != ClassLoader.getPlatformClassLoader()) {
            throw new IllegalStateException(name + " is shared between class realms but is a " + made.getClass());
        }
        return made;
    }

    /** One object for {@code key}: the first caller's (two callers at once may both create; one of them wins). */
    private static Object get(MavenSession session, String key, Supplier<?> create) {
        var data = session.getRepositorySession().getData();
        Object existing = data.get(key);
        if (existing == null) {
            data.set(key, null, create.get());
            existing = data.get(key);
        }
        return existing;
    }
}
