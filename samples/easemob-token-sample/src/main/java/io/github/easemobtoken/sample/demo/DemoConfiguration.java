package io.github.easemobtoken.sample.demo;

import java.time.Duration;

import io.github.easemobtoken.EasemobUserTokens;
import io.github.easemobtoken.sample.EasemobUsers;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

/**
 * The {@code demo} profile: a fake Easemob in this process, and a little traffic to it.
 */
@Configuration(proxyBeanMethods = false)
@Profile("demo")
class DemoConfiguration {

	@Bean
	static FakeEasemobServer fakeEasemobServer() {
		return new FakeEasemobServer();
	}

	@Bean
	DemoTraffic demoTraffic(EasemobUsers users, EasemobUserTokens easemobUserTokens,
			FakeEasemobServer fakeEasemobServer, @Value("${sample.demo.traffic-interval:5s}") Duration interval) {
		return new DemoTraffic(users, easemobUserTokens, fakeEasemobServer, interval);
	}

}
