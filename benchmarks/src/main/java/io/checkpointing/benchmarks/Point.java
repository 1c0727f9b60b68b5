package io.checkpointing.benchmarks;

/**
 * A small result: a record of a few fields. Serializable for {@code RedisCacheManager}, whose
 * default value serializer is the JDK's.
 * @param id its id
 * @param name its name
 * @param x a coordinate
 * @param y another coordinate
 * @param active a flag
 */
public record Point(long id, String name, double x, double y, boolean active) implements java.io.Serializable {

	static Point of(int id) {
		return new Point(id, "point-" + id, id * 0.5, id * -1.25, (id & 1) == 0);
	}

}
