package io.github.easemobtoken.autoconfigure;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.SpringBootVersion;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.Ordered;

/**
 * Stops an application on the wrong Spring Boot line before any bean is defined: on the other
 * line this starter's classes fail later, and far from the cause (a bean clash, a
 * {@code NoSuchMethodError}). An initializer, registered in {@code META-INF/spring.factories},
 * because the initializers' key and the few classes used here are the same on both lines.
 * Which line this is, {@link SpringBootLine} says.
 *
 * @author easemob-token
 */
class SpringBootLineCheck implements ApplicationContextInitializer<ConfigurableApplicationContext>, Ordered {

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

	@Override
	public void initialize(ConfigurableApplicationContext context) {
		check(SpringBootVersion.getVersion());
	}

	static void check(@Nullable String version) {
		int major = part(version, 0);
		int minor = part(version, 1);
		// Unknown (classes run from a directory, not the jar): nothing to say.
		if (major < 0) {
			return;
		}
		boolean older = major < SpringBootLine.MAJOR
				|| (major == SpringBootLine.MAJOR && minor >= 0 && minor < SpringBootLine.LOWEST_MINOR);
		if (older || major > SpringBootLine.HIGHEST_MAJOR) {
			throw new WrongSpringBootLineException(version);
		}
	}

	/** The index-th number of a version, or -1 when it has none. */
	private static int part(@Nullable String version, int index) {
		if (version == null) {
			return -1;
		}
		String[] parts = version.split("\\.", index + 2);
		try {
			return (parts.length > index) ? Integer.parseInt(parts[index]) : -1;
		}
		catch (NumberFormatException ex) {
			return -1;
		}
	}

}
