package io.github.easemobtoken.check;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import io.github.easemobtoken.test.FakeEasemob;
import org.junit.jupiter.api.Test;

import org.springframework.util.ClassUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The test kit's fake Easemob in a Spring Boot 3 application, which has Jackson 2 only.
 */
class FakeEasemobOnJackson2Tests {

	private final HttpClient http = HttpClient.newHttpClient();

	@Test
	void shouldIssueTokensAndServeUsersOnJackson2() throws Exception {
		assertThat(ClassUtils.isPresent("tools.jackson.databind.json.JsonMapper", null)).as("Jackson 3").isFalse();
		assertThat(ClassUtils.isPresent("com.fasterxml.jackson.databind.ObjectMapper", null)).as("Jackson 2").isTrue();
		try (FakeEasemob easemob = FakeEasemob.start()) {
			String app = "/" + FakeEasemob.ORG_NAME + "/" + FakeEasemob.APP_NAME;
			HttpResponse<String> token = send(easemob, "POST", app + "/token", null,
					"{\"grant_type\":\"client_credentials\",\"client_id\":\"" + FakeEasemob.CLIENT_ID
							+ "\",\"client_secret\":\"" + FakeEasemob.CLIENT_SECRET + "\",\"ttl\":60}");
			assertThat(token.statusCode()).isEqualTo(200);
			assertThat(token.body()).contains("\"expires_in\":60").contains("\"access_token\":\"");
			String accessToken = token.body().replaceAll(".*\"access_token\":\"([^\"]+)\".*", "$1");
			assertThat(send(easemob, "POST", app + "/users", accessToken, "[{\"username\":\"alice\",\"password\":\"pw\"}]")
				.statusCode()).isEqualTo(200);
			assertThat(send(easemob, "GET", app + "/users/alice", accessToken, null).body())
				.contains("\"username\":\"alice\"");
			assertThat(easemob.users(FakeEasemob.APP_KEY)).containsExactly("alice");
			assertThat(easemob.tokenRequests()).extracting(FakeEasemob.TokenRequest::ttl).containsExactly(60L);
			assertThat(send(easemob, "POST", app + "/token", null, "{\"grant_type\":\"client_credentials\"}").body())
				.contains("\"error\":\"illegal_argument\"");
		}
	}

	private HttpResponse<String> send(FakeEasemob easemob, String method, String path, String token, String body)
			throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(easemob.baseUrl() + path))
			.header("Content-Type", "application/json")
			.method(method, (body != null) ? HttpRequest.BodyPublishers.ofString(body) : HttpRequest.BodyPublishers.noBody());
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

}
