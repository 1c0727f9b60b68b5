package io.checkpointing.kotlin

import kotlinx.coroutines.runBlocking
import org.assertj.core.api.Assertions.assertThat
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.io.TempDir
import org.springframework.beans.factory.annotation.Autowired
import org.springframework.boot.test.context.SpringBootTest
import org.springframework.test.context.DynamicPropertyRegistry
import org.springframework.test.context.DynamicPropertySource
import java.nio.file.Path

/**
 * A checkpointed Kotlin bean: each second call with equal arguments is a hit (its body does not
 * run again) that returns an equal value, read back from the store into the Kotlin type.
 */
@SpringBootTest
class GeometryTest(@param:Autowired private val geometry: Geometry) {

    private val points = listOf(Point(0.0, 1.0), Point(1.0, 3.0), Point(2.0, 5.0))

    @Test
    fun dataClassesAreKeyedByValueAndReadBack() {
        val first = geometry.fit(points)
        val runs = geometry.runs.get()
        val second = geometry.fit(points.map { it.copy() })
        assertThat(second).isEqualTo(first).isEqualTo(Line(2.0, 1.0, 3))
        assertThat(geometry.runs.get()).isEqualTo(runs)
        geometry.fit(points + Point(3.0, 7.0))
        assertThat(geometry.runs.get()).isEqualTo(runs + 1)
    }

    @Test
    fun aDefaultArgumentIsKeyedAsIfPassed() {
        val point = Point(1.5, -2.0)
        assertThat(geometry.scaled(point)).isEqualTo(Point(3.0, -4.0))
        val runs = geometry.runs.get()
        assertThat(geometry.scaled(point, 2.0)).isEqualTo(Point(3.0, -4.0))
        assertThat(geometry.runs.get()).isEqualTo(runs)
        assertThat(geometry.scaled(point, 3.0)).isEqualTo(Point(4.5, -6.0))
        assertThat(geometry.runs.get()).isEqualTo(runs + 1)
    }

    @Test
    fun aLambdaIsKeyedByItsCodeAndWhatItCaptures() {
        val shifted = geometry.mapped(points, shiftBy(1.0))
        val runs = geometry.runs.get()
        // Another instance of the same lambda, capturing an equal value: the same key.
        assertThat(geometry.mapped(points, shiftBy(1.0))).isEqualTo(shifted)
            .isEqualTo(listOf(Point(1.0, 1.0), Point(2.0, 3.0), Point(3.0, 5.0)))
        assertThat(geometry.runs.get()).isEqualTo(runs)
        geometry.mapped(points, shiftBy(2.0))
        assertThat(geometry.runs.get()).isEqualTo(runs + 1)
        geometry.mapped(points) { Point(it.x, it.y * 2) }
        assertThat(geometry.runs.get()).isEqualTo(runs + 2)
    }

    private fun shiftBy(by: Double): (Point) -> Point = { Point(it.x + by, it.y) }

    @Test
    fun anExtensionFunctionIsKeyedByItsReceiver() {
        val norm = with(geometry) { Point(3.0, 4.0).norm() }
        val runs = geometry.runs.get()
        assertThat(with(geometry) { Point(3.0, 4.0).norm() }).isEqualTo(norm).isEqualTo(5.0)
        assertThat(geometry.runs.get()).isEqualTo(runs)
        assertThat(with(geometry) { Point(6.0, 8.0).norm() }).isEqualTo(10.0)
        assertThat(geometry.runs.get()).isEqualTo(runs + 1)
    }

    @Test
    fun aSuspendFunctionIsStoredWhenItCompletesAndItsContinuationIsNotPartOfTheKey() {
        val first = runBlocking { geometry.centroid(points) }
        val runs = geometry.runs.get()
        // Another coroutine, so another continuation: the same key.
        val second = runBlocking { geometry.centroid(points) }
        assertThat(second).isEqualTo(first).isEqualTo(Point(1.0, 3.0))
        assertThat(geometry.runs.get()).isEqualTo(runs)
        runBlocking { geometry.centroid(points.drop(1)) }
        assertThat(geometry.runs.get()).isEqualTo(runs + 1)
    }

    companion object {

        @TempDir
        @JvmStatic
        lateinit var directory: Path

        @DynamicPropertySource
        @JvmStatic
        fun checkpointingDirectory(registry: DynamicPropertyRegistry) {
            registry.add("checkpointing.directory") { directory.toString() }
        }

    }

}
