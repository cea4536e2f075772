package io.github.easemobtoken.test;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import static org.awaitility.Awaitility.await;

/**
 * A real {@code redis-server} on a free port, for the tests of one class, with nothing
 * persisted. Where the machine has no {@code redis-server}, the tests of that class are
 * skipped, unless the environment variable {@code EASEMOB_REQUIRE_REDIS} is {@code true}
 * (as CI sets it, after installing Redis): then they fail.
 */
public final class RedisServer implements BeforeAllCallback, AfterAllCallback {

	private Process process;

	private String executable;

	private int port;

	public int port() {
		return this.port;
	}

	@Override
	public void beforeAll(ExtensionContext context) throws Exception {
		this.executable = find();
		if (this.executable == null) {
			if ("true".equals(System.getenv("EASEMOB_REQUIRE_REDIS"))) {
				throw new IllegalStateException("EASEMOB_REQUIRE_REDIS is set but there is no redis-server on the PATH: "
						+ "install it (apt-get install -y redis-server)");
			}
			Assumptions.abort("no redis-server on the PATH: install it (apt-get install -y redis-server) to run these tests");
		}
		try (ServerSocket socket = new ServerSocket(0)) {
			this.port = socket.getLocalPort();
		}
		start();
	}

	/** Start the server again on the same port, as after a crash; nothing survives. */
	public void start() throws IOException {
		this.process = new ProcessBuilder(this.executable, "--port", String.valueOf(this.port), "--bind", "127.0.0.1",
				"--save", "", "--appendonly", "no").redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.DISCARD)
			.start();
		await().atMost(Duration.ofSeconds(10)).until(this::accepting);
	}

	/** Kill the server (SIGKILL), as a crash or a lost machine would. */
	public void kill() throws InterruptedException {
		this.process.destroyForcibly();
		this.process.waitFor();
	}

	private boolean accepting() {
		if (!this.process.isAlive()) {
			throw new IllegalStateException("redis-server exited with " + this.process.exitValue());
		}
		try {
			new Socket("127.0.0.1", this.port).close();
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	@Override
	public void afterAll(ExtensionContext context) throws Exception {
		if (this.process != null && this.process.isAlive()) {
			this.process.destroy();
			this.process.waitFor();
		}
	}

	private static String find() {
		for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
			Path candidate = Path.of(dir, "redis-server");
			if (Files.isExecutable(candidate)) {
				return candidate.toString();
			}
		}
		Path sbin = Path.of("/usr/sbin/redis-server");
		return Files.isExecutable(sbin) ? sbin.toString() : null;
	}

}
