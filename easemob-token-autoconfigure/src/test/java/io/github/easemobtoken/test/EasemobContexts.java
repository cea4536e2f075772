package io.github.easemobtoken.test;

import io.github.easemobtoken.autoconfigure.EasemobRestClientAutoConfiguration;
import io.github.easemobtoken.autoconfigure.EasemobTokenAutoConfiguration;
import io.github.easemobtoken.autoconfigure.EasemobWebClientAutoConfiguration;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.AbstractApplicationContextRunner;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;

/**
 * Application contexts as applications have them: Boot's HTTP client, WebClient and
 * RestClient auto-configuration, the starter's, and an Easemob app on a given host.
 */
public final class EasemobContexts {

	private EasemobContexts() {
	}

	/**
	 * A runner with the WebClient auto-configurations, configured for the test app at
	 * {@code host}.
	 * @param host the Easemob host, such as the fake Easemob's base URL
	 * @return the runner
	 */
	public static ApplicationContextRunner withWebClient(String host) {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(BootLine.of(BootLine.HTTP_CLIENTS, BootLine.WEB_CLIENT,
					new Class<?>[] { EasemobTokenAutoConfiguration.class, EasemobWebClientAutoConfiguration.class })))
			.withPropertyValues(appProperties(host));
	}

	/**
	 * A runner as a blocking (servlet or plain) application has it: the WebClient and
	 * RestClient auto-configurations, configured for the test app at {@code host}.
	 * @param host the Easemob host, such as the fake Easemob's base URL
	 * @return the runner
	 */
	public static ApplicationContextRunner withRestClient(String host) {
		return clients(new ApplicationContextRunner(), host);
	}

	/**
	 * A runner as a WebFlux application has it, with the RestClient auto-configuration
	 * present as well, configured for the test app at {@code host}.
	 * @param host the Easemob host, such as the fake Easemob's base URL
	 * @return the runner
	 */
	public static ReactiveWebApplicationContextRunner reactiveWithRestClient(String host) {
		return clients(new ReactiveWebApplicationContextRunner(), host);
	}

	private static <R extends AbstractApplicationContextRunner<R, ?, ?>> R clients(R runner, String host) {
		return runner
			.withConfiguration(AutoConfigurations.of(BootLine.of(BootLine.HTTP_CLIENTS, BootLine.WEB_CLIENT, BootLine.REST_CLIENT,
					new Class<?>[] { EasemobTokenAutoConfiguration.class, EasemobWebClientAutoConfiguration.class,
							EasemobRestClientAutoConfiguration.class })))
			.withPropertyValues(appProperties(host));
	}

	private static String[] appProperties(String host) {
		return new String[] { "easemob.host=" + host, "easemob.app-key=" + TestApp.APP_KEY,
				"easemob.client-id=" + TestApp.CLIENT_ID, "easemob.client-secret=" + TestApp.CLIENT_SECRET };
	}

}
