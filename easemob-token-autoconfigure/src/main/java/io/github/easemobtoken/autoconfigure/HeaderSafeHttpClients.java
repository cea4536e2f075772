package io.github.easemobtoken.autoconfigure;

import java.util.Map;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.JdkClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.reactive.ClientHttpConnectorBuilder;
import org.springframework.boot.http.client.reactive.JdkClientHttpConnectorBuilder;

/**
 * Keeps the admin token out of HTTP client logs. Apache HttpClient
 * ({@code org.apache.hc.client5.http.headers} and {@code .wire}), Jetty's client and the
 * JDK's {@code HttpURLConnection} (through java.util.logging) write request headers, and
 * so {@code Authorization: Bearer <token>}, to their DEBUG logs, and bodies (the client
 * secret of the token request) to their wire logs. When Spring Boot picks one of them, the
 * Easemob clients and the token request use the JDK's {@code HttpClient} instead, which
 * logs no headers; Reactor Netty, the JDK's {@code HttpClient} and a builder of the
 * application's own are kept.
 *
 * @author easemob-token
 */
final class HeaderSafeHttpClients {

	private static final Log logger = LogFactory.getLog(HeaderSafeHttpClients.class);

	private static final String PACKAGE = "org.springframework.boot.http.client.";

	/** The builders whose HTTP clients log headers, and what to call those clients. */
	private static final Map<String, String> LOGGING_HEADERS = Map.of(
			PACKAGE + "HttpComponentsClientHttpRequestFactoryBuilder", "Apache HttpClient",
			PACKAGE + "JettyClientHttpRequestFactoryBuilder", "Jetty's HttpClient",
			PACKAGE + "SimpleClientHttpRequestFactoryBuilder", "HttpURLConnection",
			PACKAGE + "reactive.HttpComponentsClientHttpConnectorBuilder", "Apache HttpClient",
			PACKAGE + "reactive.JettyClientHttpConnectorBuilder", "Jetty's HttpClient");

	private HeaderSafeHttpClients() {
	}

	/**
	 * The builder for a blocking client: the chosen one, or the JDK's when the chosen one
	 * logs headers; a JDK one is the context's own, closed with it.
	 */
	static ClientHttpRequestFactoryBuilder<?> imperative(ClientHttpRequestFactoryBuilder<?> chosen, String client,
			EasemobThreads threads) {
		return (logsHeaders(chosen, client) || chosen instanceof JdkClientHttpRequestFactoryBuilder)
				? threads.jdkRequestFactories() : chosen;
	}

	/**
	 * The builder for a reactive connector: the chosen one, or the JDK's when the chosen
	 * one logs headers; a JDK one is the context's own, closed with it.
	 */
	static ClientHttpConnectorBuilder<?> reactive(ClientHttpConnectorBuilder<?> chosen, String client,
			EasemobThreads threads) {
		return (logsHeaders(chosen, client) || chosen instanceof JdkClientHttpConnectorBuilder)
				? threads.jdkConnectors() : chosen;
	}

	private static boolean logsHeaders(Object builder, String client) {
		String name = LOGGING_HEADERS.get(builder.getClass().getName());
		if (name == null) {
			return false;
		}
		if (logger.isInfoEnabled()) {
			logger.info(client + " uses the JDK's HttpClient rather than " + name + ", whose DEBUG logs show request "
					+ "headers and bodies: the Easemob admin token and client secret must not reach a log");
		}
		return true;
	}

}
