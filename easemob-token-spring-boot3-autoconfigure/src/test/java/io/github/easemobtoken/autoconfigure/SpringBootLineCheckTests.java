package io.github.easemobtoken.autoconfigure;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootVersion;
import org.springframework.boot.diagnostics.FailureAnalysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The check that stops a Spring Boot 4 (or pre-3.5) application with the Spring Boot 3 starter,
 * and its analysis. {@code checks/spring-boot-4} runs the starter on Spring Boot 4.
 */
class SpringBootLineCheckTests {

	@Test
	void shouldLetSpringBoot35AndUnknownVersionsStart() {
		assertThatNoException().isThrownBy(() -> SpringBootLineCheck.check(SpringBootVersion.getVersion()));
		assertThatNoException().isThrownBy(() -> SpringBootLineCheck.check("3.5.7"));
		assertThatNoException().isThrownBy(() -> SpringBootLineCheck.check("3.6.0"));
		assertThatNoException().isThrownBy(() -> SpringBootLineCheck.check(null));
		assertThatNoException().isThrownBy(() -> SpringBootLineCheck.check("snapshot"));
		assertThat(SpringBootVersion.getVersion()).startsWith("3.5.");
	}

	@Test
	void shouldStopSpringBoot4NamingTheLineToUse() {
		WrongSpringBootLineException ex = catchThrowableOfType(WrongSpringBootLineException.class,
				() -> SpringBootLineCheck.check("4.0.7"));
		assertThat(ex.getSpringBootVersion()).isEqualTo("4.0.7");
		assertThat(ex.getMessage()).isEqualTo("io.github.easemobtoken:easemob-token-spring-boot3-starter is for "
				+ "Spring Boot 3.5, and this application runs Spring Boot 4.0.7");
		FailureAnalysis analysis = new WrongSpringBootLineFailureAnalyzer().analyze(new IllegalStateException(ex));
		assertThat(analysis.getDescription()).isEqualTo("io.github.easemobtoken:easemob-token-spring-boot3-starter "
				+ "is the Spring Boot 3.5 line of easemob-token, and this application runs Spring Boot 4.0.7.");
		assertThat(analysis.getAction()).contains("io.github.easemobtoken:easemob-token-starter for Spring Boot 4");
	}

	@Test
	void shouldStopSpringBootBefore35() {
		assertThat(catchThrowableOfType(WrongSpringBootLineException.class, () -> SpringBootLineCheck.check("3.4.9")))
			.hasMessageContaining("runs Spring Boot 3.4.9");
		assertThat(catchThrowableOfType(WrongSpringBootLineException.class, () -> SpringBootLineCheck.check("2.7.18")))
			.isNotNull();
	}

}
