package io.github.easemobtoken.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Says which starter an application needs for its Spring Boot line. Uses only what Spring Boot 3
 * and 4 share, since it runs on the wrong line by design.
 *
 * @author easemob-token
 */
class WrongSpringBootLineFailureAnalyzer extends AbstractFailureAnalyzer<WrongSpringBootLineException> {

	private static final String BOOT_4 = "io.github.easemobtoken:easemob-token-starter";

	private static final String BOOT_3 = "io.github.easemobtoken:easemob-token-spring-boot3-starter";

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, WrongSpringBootLineException cause) {
		return new FailureAnalysis(SpringBootLine.STARTER + " is the " + SpringBootLine.NAME
				+ " line of easemob-token, and this application runs Spring Boot " + cause.getSpringBootVersion() + ".",
				"Use the starter of the application's Spring Boot line: " + BOOT_4 + " for Spring Boot 4 (4.0.7 or "
						+ "later), " + BOOT_3 + " for Spring Boot 3.5 (3.5.7 or later). Replace the dependency; do "
						+ "not add both.",
				cause);
	}

}
