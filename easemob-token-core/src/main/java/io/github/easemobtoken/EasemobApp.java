package io.github.easemobtoken;

import java.net.URI;

/**
 * The Easemob app a token is for: the REST host and the app's organization and name.
 *
 * @param host the REST host as a URL without path, such as
 * {@code https://a1.easemob.com}
 * @param orgName the organization name ({@code org_name})
 * @param appName the app name ({@code app_name})
 * @author easemob-token
 */
public record EasemobApp(URI host, String orgName, String appName) {

	/**
	 * The app key as the Easemob console shows it, {@code org#app}; also the {@code app}
	 * tag of every meter.
	 * @return the app key
	 */
	public String appKey() {
		return this.orgName + "#" + this.appName;
	}

	/**
	 * The base URI of the app's REST API, {@code {host}/{org_name}/{app_name}}.
	 * @return the base URI
	 */
	public URI baseUri() {
		return URI.create(this.host + "/" + this.orgName + "/" + this.appName);
	}

	/**
	 * The token endpoint, {@code {host}/{org_name}/{app_name}/token}.
	 * @return the token URI
	 */
	public URI tokenUri() {
		return URI.create(baseUri() + "/token");
	}

}
