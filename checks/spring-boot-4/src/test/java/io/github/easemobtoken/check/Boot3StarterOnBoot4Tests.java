package io.github.easemobtoken.check;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringBootVersion;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * A Spring Boot 4 application with {@code easemob-token-spring-boot3-starter} stops before any
 * bean is defined, with one analysis that names the starter to use.
 */
@ExtendWith(OutputCaptureExtension.class)
class Boot3StarterOnBoot4Tests {

	@Test
	void shouldStopAtOnceNamingTheSpringBoot4Starter(CapturedOutput output) {
		assertThat(SpringBootVersion.getVersion()).startsWith("4.");
		Throwable failure = catchThrowable(() -> new SpringApplicationBuilder(Application.class)
			.web(WebApplicationType.NONE)
			.run("--easemob.app-key=org#app", "--easemob.client-id=id", "--easemob.client-secret=secret"));
		assertThat(failure.getClass().getName())
			.isEqualTo("io.github.easemobtoken.autoconfigure.WrongSpringBootLineException");
		assertThat(output.getAll()).contains("APPLICATION FAILED TO START")
			.contains("io.github.easemobtoken:easemob-token-spring-boot3-starter is the Spring Boot 3.5 line of "
					+ "easemob-token, and this application runs Spring Boot " + SpringBootVersion.getVersion())
			.contains("io.github.easemobtoken:easemob-token-starter for Spring Boot 4")
			.doesNotContain("NoSuchMethodError")
			.doesNotContain("NoClassDefFoundError")
			.doesNotContain("BeanDefinitionOverrideException");
	}

	@SpringBootApplication
	static class Application {

	}

}
