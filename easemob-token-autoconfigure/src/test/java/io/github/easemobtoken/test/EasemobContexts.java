package io.github.easemobtoken.test;

import io.github.easemobtoken.autoconfigure.EasemobTokenAutoConfiguration;
import io.github.easemobtoken.autoconfigure.EasemobWebClientAutoConfiguration;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.client.autoconfigure.HttpClientAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.reactive.ReactiveHttpClientAutoConfiguration;
import org.springframework.boot.http.codec.autoconfigure.CodecsAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;

/**
 * Application contexts as a WebFlux application has them: Boot's HTTP client and
 * WebClient auto-configuration, the starter's, and an Easemob app on a given host.
 */
public final class EasemobContexts {

	private EasemobContexts() {
	}

	/**
	 * A runner with the WebClient auto-configurations, configured for the test app at
	 * {@code host}.
	 * @param host the Easemob host, such as a WireMock base URL
	 * @return the runner
	 */
	public static ApplicationContextRunner withWebClient(String host) {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(HttpClientAutoConfiguration.class,
					ReactiveHttpClientAutoConfiguration.class, CodecsAutoConfiguration.class,
					WebClientAutoConfiguration.class, EasemobTokenAutoConfiguration.class,
					EasemobWebClientAutoConfiguration.class))
			.withPropertyValues("easemob.host=" + host, "easemob.app-key=" + EasemobStub.ORG + "#" + EasemobStub.APP,
					"easemob.client-id=" + EasemobStub.CLIENT_ID, "easemob.client-secret=" + EasemobStub.CLIENT_SECRET);
	}

}
