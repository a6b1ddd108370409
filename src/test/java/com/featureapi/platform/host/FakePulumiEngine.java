package com.featureapi.platform.host;

import com.google.protobuf.Empty;
import com.google.protobuf.Message;
import com.google.protobuf.Struct;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import pulumirpc.EngineGrpc;
import pulumirpc.EngineOuterClass.GetRootResourceRequest;
import pulumirpc.EngineOuterClass.GetRootResourceResponse;
import pulumirpc.EngineOuterClass.LogRequest;
import pulumirpc.EngineOuterClass.SetRootResourceRequest;
import pulumirpc.EngineOuterClass.SetRootResourceResponse;
import pulumirpc.Provider.CallResponse;
import pulumirpc.Resource.ReadResourceRequest;
import pulumirpc.Resource.ReadResourceResponse;
import pulumirpc.Resource.RegisterPackageRequest;
import pulumirpc.Resource.RegisterPackageResponse;
import pulumirpc.Resource.RegisterResourceOutputsRequest;
import pulumirpc.Resource.RegisterResourceRequest;
import pulumirpc.Resource.RegisterResourceResponse;
import pulumirpc.Resource.ResourceCallRequest;
import pulumirpc.Resource.ResourceInvokeRequest;
import pulumirpc.Resource.ResourceInvokeResponse;
import pulumirpc.Resource.SupportsFeatureRequest;
import pulumirpc.Resource.SupportsFeatureResponse;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * The two gRPC services the Pulumi CLI offers a program, {@code ResourceMonitor} and {@code Engine}, built on
 * the SDK's own {@code pulumirpc} stubs, answering as the engine does during a preview: every registration
 * gets its URN and its inputs back as outputs (what the engine reports for a resource it would create;
 * computed outputs stay unknown), custom resources get no id yet. Every request is recorded.
 */
final class FakePulumiEngine implements AutoCloseable {

    /** Features a current CLI's engine reports as supported (the SDK 1.36 asks for resourceReferences and parameterization). */
    private static final Set<String> SUPPORTED_FEATURES = Set.of("secrets", "resourceReferences", "outputValues", "deletedWith",
            "aliasSpecs", "transforms", "invokeTransforms", "parameterization");

    private final String project;
    private final String stack;
    private final Server server;
    private final List<RegisterResourceRequest> registrations = new CopyOnWriteArrayList<>();
    private final List<Message> requests = new CopyOnWriteArrayList<>();
    private final List<LogRequest> logs = new CopyOnWriteArrayList<>();
    private final Map<String, Boolean> featuresAsked = new ConcurrentHashMap<>();
    private final List<String> unexpectedCalls = new CopyOnWriteArrayList<>();
    private volatile String rootResource = "";

    FakePulumiEngine(String project, String stack) throws IOException {
        this.project = project;
        this.stack = stack;
        this.server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                .maxInboundMessageSize(400 * 1024 * 1024)
                .addService(new Monitor())
                .addService(new Engine())
                .build()
                .start();
    }

    /** {@code host:port}, as the CLI passes it in {@code PULUMI_MONITOR} and {@code PULUMI_ENGINE}. */
    String address() {
        return "127.0.0.1:" + server.getPort();
    }

    List<RegisterResourceRequest> registrations() {
        return List.copyOf(registrations);
    }

    /** Every request of every kind, in arrival order. */
    List<Message> requests() {
        return List.copyOf(requests);
    }

    List<LogRequest> logs() {
        return List.copyOf(logs);
    }

    Map<String, Boolean> featuresAsked() {
        return Map.copyOf(featuresAsked);
    }

    /** Calls a preview of this program should never make (invokes, reads, calls), as {@code method type}. */
    List<String> unexpectedCalls() {
        return List.copyOf(unexpectedCalls);
    }

    /** The URN the engine gives a registration: the parent's type chain (below the stack), type and name. */
    String urnOf(RegisterResourceRequest request) {
        String qualifiedType = request.getType();
        if (!request.getParent().isEmpty()) {
            String parentType = request.getParent().split("::")[2];
            if (!parentType.equals("pulumi:pulumi:Stack")) {
                qualifiedType = parentType + "$" + qualifiedType;
            }
        }
        return "urn:pulumi:" + stack + "::" + project + "::" + qualifiedType + "::" + request.getName();
    }

    @Override
    public void close() throws InterruptedException {
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    private <T> void answer(StreamObserver<T> observer, T response) {
        observer.onNext(response);
        observer.onCompleted();
    }

    private final class Monitor extends pulumirpc.ResourceMonitorGrpc.ResourceMonitorImplBase {
        @Override
        public void supportsFeature(SupportsFeatureRequest request, StreamObserver<SupportsFeatureResponse> observer) {
            requests.add(request);
            boolean supported = SUPPORTED_FEATURES.contains(request.getId());
            featuresAsked.put(request.getId(), supported);
            answer(observer, SupportsFeatureResponse.newBuilder().setHasSupport(supported).build());
        }

        @Override
        public void registerResource(RegisterResourceRequest request, StreamObserver<RegisterResourceResponse> observer) {
            requests.add(request);
            registrations.add(request);
            answer(observer, RegisterResourceResponse.newBuilder()
                    .setUrn(urnOf(request))
                    .setObject(request.getCustom() ? request.getObject() : Struct.getDefaultInstance())
                    .build());
        }

        @Override
        public void registerResourceOutputs(RegisterResourceOutputsRequest request, StreamObserver<Empty> observer) {
            requests.add(request);
            answer(observer, Empty.getDefaultInstance());
        }

        @Override
        public void invoke(ResourceInvokeRequest request, StreamObserver<ResourceInvokeResponse> observer) {
            requests.add(request);
            unexpectedCalls.add("invoke " + request.getTok());
            answer(observer, ResourceInvokeResponse.newBuilder().setReturn(Struct.getDefaultInstance()).build());
        }

        @Override
        public void readResource(ReadResourceRequest request, StreamObserver<ReadResourceResponse> observer) {
            requests.add(request);
            unexpectedCalls.add("read " + request.getType());
            answer(observer, ReadResourceResponse.newBuilder().setUrn("urn:pulumi:" + stack + "::" + project + "::" + request.getType()
                    + "::" + request.getName()).setProperties(request.getProperties()).build());
        }

        @Override
        public void call(ResourceCallRequest request, StreamObserver<CallResponse> observer) {
            requests.add(request);
            unexpectedCalls.add("call " + request.getTok());
            answer(observer, CallResponse.getDefaultInstance());
        }

        @Override
        public void registerPackage(RegisterPackageRequest request, StreamObserver<RegisterPackageResponse> observer) {
            requests.add(request);
            answer(observer, RegisterPackageResponse.newBuilder().setRef(request.getName() + "-" + request.getVersion()).build());
        }
    }

    private final class Engine extends EngineGrpc.EngineImplBase {
        @Override
        public void log(LogRequest request, StreamObserver<Empty> observer) {
            requests.add(request);
            logs.add(request);
            answer(observer, Empty.getDefaultInstance());
        }

        @Override
        public void getRootResource(GetRootResourceRequest request, StreamObserver<GetRootResourceResponse> observer) {
            requests.add(request);
            answer(observer, GetRootResourceResponse.newBuilder().setUrn(rootResource).build());
        }

        @Override
        public void setRootResource(SetRootResourceRequest request, StreamObserver<SetRootResourceResponse> observer) {
            requests.add(request);
            rootResource = request.getUrn();
            answer(observer, SetRootResourceResponse.getDefaultInstance());
        }
    }
}
