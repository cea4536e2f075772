package io.github.easemobtoken.mvcsample;

import io.github.easemobtoken.mvcsample.EasemobUsers.EasemobUser;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Opens chat accounts: each becomes an Easemob user.
 */
@RestController
class AccountController {

	private final EasemobUsers users;

	AccountController(EasemobUsers users) {
		this.users = users;
	}

	@PostMapping("/accounts")
	EasemobUser open(@RequestBody NewAccount account) {
		return this.users.register(account.username(), account.password());
	}

	@GetMapping("/accounts/{username}")
	ResponseEntity<EasemobUser> find(@PathVariable String username) {
		return ResponseEntity.of(this.users.find(username));
	}

	record NewAccount(String username, String password) {
	}

}
