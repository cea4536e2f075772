package io.github.easemobtoken.autoconfigure;

/**
 * Thrown at startup when a starter of easemob-token is in an application of the Spring Boot
 * line it is not made for: {@code easemob-token-starter} (Spring Boot 4) in a Spring Boot 3
 * application, or {@code easemob-token-spring-boot3-starter} in a Spring Boot 4 one.
 *
 * @author easemob-token
 */
public class WrongSpringBootLineException extends IllegalStateException {

	private static final long serialVersionUID = 1L;

	private final String springBootVersion;

	WrongSpringBootLineException(String springBootVersion) {
		super(SpringBootLine.STARTER + " is for " + SpringBootLine.NAME + ", and this application runs Spring Boot "
				+ springBootVersion);
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
