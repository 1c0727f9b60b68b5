package io.checkpointing.spring.redis;

import java.nio.ByteBuffer;
import java.time.Duration;

import io.checkpointing.key.CallKey;
import io.checkpointing.services.SharedServices;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

class ScratchLargeTimingTest {

	@Test
	void time() throws Exception {
		LettuceConnectionFactory f = SharedServices.redis().connectionFactory();
		RedisBackend b = new RedisBackend(f, "scratch:", null, Duration.ofSeconds(30));
		CallKey k = CallKey.fromHex("ab".repeat(32));
		ByteBuffer big = ByteBuffer.wrap(new byte[256 * 1024 * 1024]);
		for (int i = 0; i < 2; i++) {
			long t0 = System.nanoTime();
			b.write(k, big);
			long t1 = System.nanoTime();
			int n = b.read(k).get().remaining();
			long t2 = System.nanoTime();
			System.out.println("SCRATCH write ms " + (t1 - t0) / 1_000_000 + " read ms " + (t2 - t1) / 1_000_000 + " " + n);
		}
		b.delete(k);
		b.close();
		f.destroy();
	}

}
