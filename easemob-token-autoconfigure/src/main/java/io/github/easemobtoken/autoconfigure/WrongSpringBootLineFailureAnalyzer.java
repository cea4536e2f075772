package io.github.easemobtoken.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Says which artifact a Spring Boot 3 application needs in place of this Spring Boot 4 starter.
 * Uses only what Spring Boot 3 and 4 share, since it runs on the wrong line by design.
 *
 * @author easemob-token
 */
class WrongSpringBootLineFailureAnalyzer extends AbstractFailureAnalyzer<WrongSpringBootLineException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, WrongSpringBootLineException cause) {
		return new FailureAnalysis("easemob-token-starter is the Spring Boot 4 line of easemob-token, and this "
				+ "application runs Spring Boot " + cause.getSpringBootVersion() + ".",
				"Upgrade the application to Spring Boot 4.0.7 or later, or use the Spring Boot 3 line, "
						+ "io.github.easemobtoken:easemob-token-spring-boot3-starter, once it is released (version "
						+ "0.1.0-SNAPSHOT has only the Spring Boot 4 line). Replace the dependency; do not add both.",
				cause);
	}

}
