package io.github.easemobtoken.benchmarks;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;

import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

/**
 * A {@code redis-server} of the machine's on a free port, nothing persisted, and one
 * client connection per instance of the benchmarked fleet.
 */
final class LocalRedis implements AutoCloseable {

	private final Process process;

	private final int port;

	LocalRedis() throws IOException, InterruptedException {
		try (ServerSocket socket = new ServerSocket(0)) {
			this.port = socket.getLocalPort();
		}
		this.process = new ProcessBuilder(executable(), "--port", String.valueOf(this.port), "--bind", "127.0.0.1",
				"--save", "", "--appendonly", "no").redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.DISCARD)
			.start();
		for (int i = 0; i < 200 && !accepting(); i++) {
			Thread.sleep(25); // the server starting, not a token expiring
		}
	}

	private boolean accepting() {
		try {
			new Socket("127.0.0.1", this.port).close();
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	private static String executable() {
		for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
			Path candidate = Path.of(dir, "redis-server");
			if (Files.isExecutable(candidate)) {
				return candidate.toString();
			}
		}
		throw new IllegalStateException("the fleet benchmarks need a redis-server on the PATH: "
				+ "apt-get install -y redis-server");
	}

	/** A client of its own, as each instance of a fleet has. */
	Client client() {
		LettuceConnectionFactory factory = new LettuceConnectionFactory("127.0.0.1", this.port);
		factory.afterPropertiesSet();
		factory.start();
		return new Client(factory, new ReactiveStringRedisTemplate(factory));
	}

	void flush() {
		try (Client client = client()) {
			client.template().execute((connection) -> connection.serverCommands().flushAll()).blockLast();
		}
	}

	@Override
	public void close() {
		this.process.destroy();
		try {
			this.process.waitFor();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	record Client(LettuceConnectionFactory factory, ReactiveStringRedisTemplate template) implements AutoCloseable {

		@Override
		public void close() {
			this.factory.destroy();
		}

	}

}
