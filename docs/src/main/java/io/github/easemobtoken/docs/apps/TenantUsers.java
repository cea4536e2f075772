package io.github.easemobtoken.docs.apps;

import io.github.easemobtoken.EasemobApps;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Service;

/**
 * Chooses the Easemob app per request, from a tenant id.
 */
@Service
public class TenantUsers {

	private final EasemobApps easemob;

	public TenantUsers(EasemobApps easemob) {
		this.easemob = easemob;
	}

	public Mono<String> user(String tenantId, String username) {
		String app = tenantId.equals("b") ? "tenant-b" : "default";
		return this.easemob.webClient(app)
			.get()
			.uri("/users/{username}", username)
			.retrieve()
			.bodyToMono(String.class);
	}

}
