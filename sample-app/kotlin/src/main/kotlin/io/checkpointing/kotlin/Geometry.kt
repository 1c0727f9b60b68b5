package io.checkpointing.kotlin

import io.checkpointing.Checkpoint
import kotlinx.coroutines.delay
import org.springframework.stereotype.Service
import java.util.concurrent.atomic.AtomicInteger
import kotlin.math.sqrt

/** A point of the plane: a data class, stored and read back through its constructor. */
data class Point(val x: Double, val y: Double)

/** A least-squares line through points. */
data class Line(val slope: Double, val intercept: Double, val points: Int)

/**
 * Checkpointed Kotlin: data classes in and out, a default argument, a lambda argument, an
 * extension function and a suspend function. Each body counts its runs, as the Java engine
 * tests' calculator does.
 */
@Service
class Geometry {

    val runs = AtomicInteger()

    @Checkpoint
    fun fit(points: List<Point>): Line {
        runs.incrementAndGet()
        val meanX = points.map { it.x }.average()
        val meanY = points.map { it.y }.average()
        val covariance = points.sumOf { (it.x - meanX) * (it.y - meanY) }
        val variance = points.sumOf { (it.x - meanX) * (it.x - meanX) }
        val slope = covariance / variance
        return Line(slope, meanY - slope * meanX, points.size)
    }

    @Checkpoint
    fun scaled(point: Point, factor: Double = 2.0): Point {
        runs.incrementAndGet()
        return Point(point.x * factor, point.y * factor)
    }

    @Checkpoint
    fun mapped(points: List<Point>, transform: (Point) -> Point): List<Point> {
        runs.incrementAndGet()
        return points.map(transform)
    }

    @Checkpoint
    fun Point.norm(): Double {
        runs.incrementAndGet()
        return sqrt(x * x + y * y)
    }

    @Checkpoint
    suspend fun centroid(points: List<Point>): Point {
        runs.incrementAndGet()
        // A real suspension point: the result arrives after the call returned, as a future's does.
        delay(10)
        return Point(points.map { it.x }.average(), points.map { it.y }.average())
    }

}
