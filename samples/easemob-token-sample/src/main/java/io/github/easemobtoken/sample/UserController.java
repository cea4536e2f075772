package io.github.easemobtoken.sample;

import io.github.easemobtoken.sample.EasemobUsers.EasemobUser;
import reactor.core.publisher.Mono;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The sample's own endpoints: {@code POST /users} registers an Easemob user,
 * {@code GET /users/{username}} reads one.
 */
@RestController
@RequestMapping("/users")
class UserController {

	private final EasemobUsers users;

	UserController(EasemobUsers users) {
		this.users = users;
	}

	@PostMapping
	Mono<EasemobUser> register(@RequestBody NewUser user) {
		return this.users.register(user.username(), user.password());
	}

	@GetMapping("/{username}")
	Mono<ResponseEntity<EasemobUser>> find(@PathVariable String username) {
		return this.users.find(username).map(ResponseEntity::ok).defaultIfEmpty(ResponseEntity.notFound().build());
	}

	record NewUser(String username, String password) {
	}

}
