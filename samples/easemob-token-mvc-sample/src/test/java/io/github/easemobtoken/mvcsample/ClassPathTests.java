package io.github.easemobtoken.mvcsample;

import java.io.File;
import java.util.Arrays;

import io.github.easemobtoken.EasemobTokenProvider;
import io.github.easemobtoken.test.AutoConfigureFakeEasemob;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.util.ClassUtils;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The application runs without Netty and without Spring WebFlux (its pom excludes WebFlux
 * from the starter), with the blocking beans and none that needs WebFlux.
 */
@SpringBootTest
@AutoConfigureFakeEasemob
class ClassPathTests {

	@Autowired
	ApplicationContext context;

	@Test
	void shouldRunWithoutNettyOrSpringWebFlux() {
		assertThat(ClassUtils.isPresent("io.netty.channel.Channel", null)).isFalse();
		assertThat(ClassUtils.isPresent("reactor.netty.http.client.HttpClient", null)).isFalse();
		assertThat(ClassUtils.isPresent("org.springframework.web.reactive.function.client.WebClient", null)).isFalse();
		assertThat(Arrays.asList(System.getProperty("java.class.path").split(File.pathSeparator)))
			.noneMatch((entry) -> entry.contains("netty") || entry.contains("spring-webflux"));
	}

	@Test
	void shouldGetTheBlockingBeansAndNoneThatNeedsWebFlux() {
		assertThat(this.context.getBeanNamesForType(EasemobTokenProvider.class)).containsExactly("easemobTokenProvider");
		assertThat(this.context.getBeanNamesForType(RestClient.class)).containsExactly("easemobRestClient");
		assertThat(this.context.containsBean("easemobWebClient")).isFalse();
		assertThat(this.context.containsBean("easemobApps")).isFalse();
	}

}
