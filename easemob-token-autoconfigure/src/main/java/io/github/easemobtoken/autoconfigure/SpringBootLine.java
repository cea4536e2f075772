package io.github.easemobtoken.autoconfigure;

/**
 * The Spring Boot line this module is built for, Spring Boot 4. The Spring Boot 3 line's
 * module has a class of the same name with its own values; the code that reads them is shared.
 *
 * @author easemob-token
 */
final class SpringBootLine {

	/** The starter of this line. */
	static final String STARTER = "io.github.easemobtoken:easemob-token-starter";

	/** The line, as a user reads it. */
	static final String NAME = "Spring Boot 4";

	/** The first Spring Boot major version this line runs on. */
	static final int MAJOR = 4;

	/** The first minor version of {@link #MAJOR} it runs on. */
	static final int LOWEST_MINOR = 0;

	/** The last major version it runs on: none yet, since no line of ours follows it. */
	static final int HIGHEST_MAJOR = Integer.MAX_VALUE;

	private SpringBootLine() {
	}

}
