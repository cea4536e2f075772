package io.github.easemobtoken.autoconfigure;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootVersion;
import org.springframework.boot.diagnostics.FailureAnalysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The check that stops a Spring Boot 3 application with this starter (run on Spring Boot 3 by
 * {@code checks/spring-boot-3}), and its analysis.
 */
class SpringBootLineCheckTests {

	@Test
	void shouldLetSpringBoot4AndUnknownVersionsStart() {
		assertThatNoException().isThrownBy(() -> SpringBootLineCheck.check(SpringBootVersion.getVersion()));
		assertThatNoException().isThrownBy(() -> SpringBootLineCheck.check("4.0.7"));
		assertThatNoException().isThrownBy(() -> SpringBootLineCheck.check("4.1.2"));
		assertThatNoException().isThrownBy(() -> SpringBootLineCheck.check("5.0.0"));
		assertThatNoException().isThrownBy(() -> SpringBootLineCheck.check(null));
		assertThatNoException().isThrownBy(() -> SpringBootLineCheck.check("snapshot"));
		assertThat(SpringBootVersion.getVersion()).startsWith("4.");
	}

	@Test
	void shouldStopSpringBoot3NamingTheLineToUse() {
		WrongSpringBootLineException ex = catchThrowableOfType(WrongSpringBootLineException.class,
				() -> SpringBootLineCheck.check("3.5.7"));
		assertThat(ex.getSpringBootVersion()).isEqualTo("3.5.7");
		assertThat(ex.getMessage()).isEqualTo("io.github.easemobtoken:easemob-token-starter is for Spring Boot 4, "
				+ "and this application runs Spring Boot 3.5.7");
		FailureAnalysis analysis = new WrongSpringBootLineFailureAnalyzer().analyze(new IllegalStateException(ex));
		assertThat(analysis.getDescription()).isEqualTo("io.github.easemobtoken:easemob-token-starter is the Spring "
				+ "Boot 4 line of easemob-token, and this application runs Spring Boot 3.5.7.");
		assertThat(analysis.getAction()).isEqualTo("Use the starter of the application's Spring Boot line: "
				+ "io.github.easemobtoken:easemob-token-starter for Spring Boot 4 (4.0.7 or later), "
				+ "io.github.easemobtoken:easemob-token-spring-boot3-starter for Spring Boot 3.5 (3.5.7 or later). "
				+ "Replace the dependency; do not add both.");
		assertThat(catchThrowableOfType(WrongSpringBootLineException.class, () -> SpringBootLineCheck.check("2.7.18")))
			.isNotNull();
	}

}
