package io.github.easemobtoken.autoconfigure;

/**
 * The Spring Boot line this module is built for, Spring Boot 3.5. The Spring Boot 4 line's
 * module has a class of the same name with its own values; the code that reads them is shared.
 *
 * @author easemob-token
 */
final class SpringBootLine {

	/** The starter of this line. */
	static final String STARTER = "io.github.easemobtoken:easemob-token-spring-boot3-starter";

	/** The line, as a user reads it. */
	static final String NAME = "Spring Boot 3.5";

	/** The Spring Boot major version this line runs on. */
	static final int MAJOR = 3;

	/** The first minor version of {@link #MAJOR} it runs on: 3.5 has the HTTP client settings it uses. */
	static final int LOWEST_MINOR = 5;

	/** The last major version it runs on: Spring Boot 4 has a line of its own. */
	static final int HIGHEST_MAJOR = 3;

	private SpringBootLine() {
	}

}
