package com.featureapi.platform.security;

import com.featureapi.platform.naming.NameTag;
import com.pulumi.aws.guardduty.Detector;
import com.pulumi.aws.guardduty.DetectorArgs;
import com.pulumi.aws.guardduty.DetectorFeature;
import com.pulumi.aws.guardduty.DetectorFeatureArgs;
import com.pulumi.aws.guardduty.inputs.DetectorFeatureAdditionalConfigurationArgs;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;

/**
 * Amazon GuardDuty for the account and region, with EKS protection: the detector (foundational detection from
 * CloudTrail management events, VPC flow logs and DNS logs), EKS audit log monitoring, and Runtime Monitoring with
 * GuardDuty managing its agent as an EKS add-on. Built only when {@code platform:security.guardDuty} is true: a
 * detector is one per account and region, so exactly one stack of an account may own it.
 *
 * <p>{@code RUNTIME_MONITORING} and not {@code EKS_RUNTIME_MONITORING}: GuardDuty refuses both together, and Runtime
 * Monitoring already covers EKS (API reference, DetectorFeatureConfiguration). Deleting a {@code DetectorFeature} only
 * forgets it (the provider's documentation): turning the switch off deletes the detector, which is what ends them.
 */
final class ThreatDetection {

    static final String DETECTOR = "guardduty";
    static final String EKS_AUDIT_LOGS = "EKS_AUDIT_LOGS";
    static final String RUNTIME_MONITORING = "RUNTIME_MONITORING";
    static final String EKS_ADDON_MANAGEMENT = "EKS_ADDON_MANAGEMENT";

    private ThreatDetection() {
    }

    static Detector create(String namePrefix, Resource parent) {
        var child = CustomResourceOptions.builder().parent(parent).build();
        var detector = new Detector(DETECTOR, DetectorArgs.builder()
                .enable(true)
                // Findings reach EventBridge (and whoever subscribes) within 15 minutes instead of 6 hours.
                .findingPublishingFrequency("FIFTEEN_MINUTES")
                .tags(NameTag.of(namePrefix + "-guardduty"))
                .build(), child);
        new DetectorFeature("guardduty-eks-audit-logs", DetectorFeatureArgs.builder()
                .detectorId(detector.id())
                .name(EKS_AUDIT_LOGS)
                .status("ENABLED")
                .build(), child);
        new DetectorFeature("guardduty-runtime-monitoring", DetectorFeatureArgs.builder()
                .detectorId(detector.id())
                .name(RUNTIME_MONITORING)
                .status("ENABLED")
                .additionalConfigurations(DetectorFeatureAdditionalConfigurationArgs.builder()
                        .name(EKS_ADDON_MANAGEMENT).status("ENABLED").build())
                .build(), child);
        return detector;
    }
}
