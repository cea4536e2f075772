package io.github.easemobtoken.autoconfigure;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.SpringBootVersion;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.Ordered;

/**
 * Stops an application on the wrong Spring Boot line before any bean is defined: on Spring
 * Boot 3 this starter's classes fail later, and far from the cause (a bean clash, a
 * {@code NoSuchMethodError}). An initializer, registered in {@code META-INF/spring.factories},
 * because the initializers' key and the few classes used here are the same on both lines.
 *
 * @author easemob-token
 */
class SpringBootLineCheck implements ApplicationContextInitializer<ConfigurableApplicationContext>, Ordered {

	/** The first Spring Boot major version this starter runs on. */
	static final int LINE = 4;

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

	@Override
	public void initialize(ConfigurableApplicationContext context) {
		check(SpringBootVersion.getVersion());
	}

	static void check(@Nullable String version) {
		int major = major(version);
		// Unknown (classes run from a directory, not the jar): nothing to say.
		if (major > 0 && major < LINE) {
			throw new WrongSpringBootLineException(version);
		}
	}

	private static int major(@Nullable String version) {
		if (version == null) {
			return 0;
		}
		int dot = version.indexOf('.');
		try {
			return Integer.parseInt((dot > 0) ? version.substring(0, dot) : version);
		}
		catch (NumberFormatException ex) {
			return 0;
		}
	}

}
