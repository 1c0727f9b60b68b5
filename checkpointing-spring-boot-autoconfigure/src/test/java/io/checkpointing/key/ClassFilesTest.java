package io.checkpointing.key;

import java.io.IOException;
import java.io.InputStream;

import io.checkpointing.CheckpointException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ClassFilesTest {

	@Test
	void aClassFileOfTheRunningJavaIsRead() throws IOException {
		assertThat(ClassFiles.parse(String.class, classFile(String.class)).name).isEqualTo("java/lang/String");
	}

	@Test
	void aClassFileOfAJavaReleaseTheAsmDoesNotKnowNamesTheClassAndItsVersion() throws IOException {
		byte[] future = classFile(ClassFilesTest.class);
		// The major version, bytes 6 and 7: 200 is Java 156.
		future[6] = 0;
		future[7] = (byte) 200;
		assertThatExceptionOfType(CheckpointException.class)
			.isThrownBy(() -> ClassFiles.parse(ClassFilesTest.class, future))
			.withMessageContaining(ClassFilesTest.class.getName())
			.withMessageContaining("class file (version 200, Java 156)")
			.withMessageContaining("needs a newer ASM");
	}

	private static byte[] classFile(Class<?> type) throws IOException {
		try (InputStream in = type.getResourceAsStream("/" + type.getName().replace('.', '/') + ".class")) {
			assertThat(in).as("class file of " + type.getName()).isNotNull();
			return in.readAllBytes();
		}
	}

}
