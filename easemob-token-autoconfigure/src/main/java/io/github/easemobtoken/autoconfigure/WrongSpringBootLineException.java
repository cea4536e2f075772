package io.github.easemobtoken.autoconfigure;

/**
 * Thrown at startup when {@code easemob-token-starter}, made for Spring Boot 4, is in a Spring
 * Boot 3 application.
 *
 * @author easemob-token
 */
public class WrongSpringBootLineException extends IllegalStateException {

	private static final long serialVersionUID = 1L;

	private final String springBootVersion;

	WrongSpringBootLineException(String springBootVersion) {
		super("io.github.easemobtoken:easemob-token-starter is for Spring Boot 4 (4.0.7 or later), and this "
				+ "application runs Spring Boot " + springBootVersion);
		this.springBootVersion = springBootVersion;
	}

	/**
	 * The Spring Boot version the application runs.
	 * @return the version, such as {@code 3.5.7}
	 */
	public String getSpringBootVersion() {
		return this.springBootVersion;
	}

}
