/**
 * The S3 backend: entries and key leases in a bucket of Amazon S3 or of an S3-compatible server
 * (MinIO, Ceph, Cloudflare R2…), through the AWS SDK for Java 2, an optional dependency.
 */
@NullMarked
package io.checkpointing.store.s3;

import org.jspecify.annotations.NullMarked;
