package dev.mlforge.artifacts;

import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.AwsProfileRegionProvider;
import software.amazon.awssdk.regions.providers.AwsRegionProviderChain;
import software.amazon.awssdk.regions.providers.SystemSettingsRegionProvider;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * Builds the AWS SDK's S3 client and presigner from {@link S3Settings}: credentials from the standard AWS chain
 * (environment, system properties, profiles, container and instance roles), the JDK's HTTP stack.
 */
final class S3Clients {
    private static final Region FALLBACK_REGION = Region.US_EAST_1;

    private S3Clients() {}

    static S3Client client(S3Settings settings, AwsCredentialsProvider credentials) {
        S3ClientBuilder builder = S3Client.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(10))
                        .socketTimeout(Duration.ofMinutes(2)))
                .credentialsProvider(credentials)
                .region(region(settings))
                .forcePathStyle(settings.pathStyle());
        if (settings.endpoint() != null) {
            // S3-compatible servers (older MinIO, Ceph, s3proxy) do not all know the SDK's default trailing checksums.
            builder.endpointOverride(settings.endpoint())
                    .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                    .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        }
        return builder.build();
    }

    /** Null when pre-signed downloads are off. */
    static S3Presigner presigner(S3Settings settings, AwsCredentialsProvider credentials) {
        if (settings.presignedTtl() == null) {
            return null;
        }
        S3Presigner.Builder builder = S3Presigner.builder()
                .credentialsProvider(credentials)
                .region(region(settings))
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(settings.pathStyle()).build());
        if (settings.endpoint() != null) {
            builder.endpointOverride(settings.endpoint());
        }
        return builder.build();
    }

    static AwsCredentialsProvider credentials() {
        return DefaultCredentialsProvider.builder().build();
    }

    /**
     * The configured region, else the AWS system settings and profile (never the instance metadata service, which
     * would stall start-up off EC2), else us-east-1, which S3-compatible servers accept.
     */
    private static Region region(S3Settings settings) {
        if (settings.region() != null) {
            return Region.of(settings.region());
        }
        try {
            return new AwsRegionProviderChain(new SystemSettingsRegionProvider(), new AwsProfileRegionProvider()).getRegion();
        } catch (SdkClientException e) {
            return FALLBACK_REGION;
        }
    }
}
