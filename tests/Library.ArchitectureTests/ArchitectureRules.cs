using System.Reflection;
using NetArchTest.Rules;

namespace Library.ArchitectureTests;

/// <summary>
/// Each rule returns the names of the offending types or references; empty means the rule holds.
/// Kept as plain functions so the same rule runs against the real assemblies and, to prove it can
/// fail, against the deliberately wrong fixture assembly.
/// </summary>
public static class ArchitectureRules
{
    public static readonly string[] EntityFrameworkAndNpgsql = ["Microsoft.EntityFrameworkCore", "Npgsql"];

    public static readonly string[] ReadStore = ["Library.BuildingBlocks.ReadStore", "Microsoft.Data.Sqlite", "MongoDB"];

    /// <summary>What a domain model must not know: how it is stored, sent, dispatched or validated at the edge.</summary>
    public static readonly string[] Infrastructure = ["Microsoft.EntityFrameworkCore", "Npgsql", "DotNetCore.CAP", "Mediator", "FluentValidation"];

    /// <summary>
    /// What the web front end must not reach: any service's code (its reads and writes go through the HTTP API, like
    /// any client's), a database driver, the read store, the message bus or the handlers' mediator.
    /// </summary>
    public static readonly string[] BeyondTheHttpApi =
    [
        "Library.Reader", "Library.Lending", "Library.Identity", "Library.BuildingBlocks.Persistence", "Library.BuildingBlocks.Messaging",
        .. EntityFrameworkAndNpgsql, .. ReadStore, "DotNetCore.CAP", "Mediator",
    ];

    public static IReadOnlyList<string> TypesDependingOn(Assembly assembly, params string[] forbiddenNamespaces)
    {
        var result = Types.InAssembly(assembly)
            .ShouldNot()
            .HaveDependencyOnAny(forbiddenNamespaces)
            .GetResult();
        return result.IsSuccessful ? [] : [.. result.FailingTypeNames ?? []];
    }

    /// <summary>Types in <paramref name="domainNamespace"/> (and below) that depend on a forbidden namespace.</summary>
    public static IReadOnlyList<string> DomainTypesDependingOn(Assembly assembly, string domainNamespace, params string[] forbiddenNamespaces)
    {
        var result = Types.InAssembly(assembly)
            .That()
            .ResideInNamespace(domainNamespace)
            .ShouldNot()
            .HaveDependencyOnAny(forbiddenNamespaces)
            .GetResult();
        return result.IsSuccessful ? [] : [.. result.FailingTypeNames ?? []];
    }

    /// <summary>
    /// Every <c>[CapSubscribe]</c> method as "Type.Method: group". A group is a queue on the broker and
    /// a row key in the inbox; named after the module's service, one service's queues can never be
    /// mistaken for, or consume from, another's.
    /// </summary>
    public static IReadOnlyList<string> SubscriptionsOutsideGroup(Assembly assembly, string groupPrefix) =>
        [.. Subscriptions(assembly)
            .Where(s => s.Group is null || !(s.Group == groupPrefix || s.Group.StartsWith(groupPrefix + "-", StringComparison.Ordinal)))
            .Select(s => $"{s.Method.DeclaringType!.FullName}.{s.Method.Name}: {s.Group ?? "(CAP's default group)"}")];

    public static IReadOnlyList<(MethodInfo Method, string? Group)> Subscriptions(Assembly assembly) =>
        [.. assembly.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Instance | BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            .SelectMany(m => m.GetCustomAttributes<DotNetCore.CAP.CapSubscribeAttribute>().Select(a => (m, a.Group)))];

    /// <summary>
    /// Use-case folders (namespaces holding a Mediator request) without exactly one endpoint class:
    /// the slice is the folder, so its route lives beside its command or query.
    /// </summary>
    public static IReadOnlyList<string> UseCasesWithoutOneEndpoint(Assembly assembly)
    {
        var types = assembly.GetTypes().Where(t => !t.IsNested && t.Namespace is not null).ToList();
        return [.. types
            .Where(t => !t.IsAbstract && t.GetInterfaces().Any(IsMediatorRequest))
            .Select(t => t.Namespace!)
            .Distinct(StringComparer.Ordinal)
            .Where(ns => types.Count(t => t.Namespace == ns && t.Name.EndsWith("Endpoint", StringComparison.Ordinal)) != 1)
            .Order(StringComparer.Ordinal)];
    }

    /// <summary>The service name a module part declares as <c>public const string Name</c> on its <c>…Module</c> class.</summary>
    public static string ServiceNameOf(Assembly assembly) =>
        (string)assembly.GetTypes()
            .Single(t => t.IsAbstract && t.IsSealed && t.Name.EndsWith("Module", StringComparison.Ordinal))
            .GetField("Name", BindingFlags.Public | BindingFlags.Static)!
            .GetRawConstantValue()!;

    /// <summary>The one assembly beside the BCL that contracts may share: itself BCL-only (who acted).</summary>
    public const string SharedContracts = "Library.BuildingBlocks.Contracts";

    /// <summary>
    /// Contracts are shared with other services, so they may reference the BCL only, and the shared
    /// contracts, which may reference the BCL only.
    /// </summary>
    public static IReadOnlyList<string> NonBclReferences(Assembly assembly) =>
        [.. assembly.GetReferencedAssemblies()
            .Select(a => a.Name!)
            .Where(name => name is not ("netstandard" or "mscorlib")
                && !name.StartsWith("System", StringComparison.Ordinal)
                && !name.StartsWith("Microsoft.Win32", StringComparison.Ordinal)
                && !(name == SharedContracts && assembly.GetName().Name != SharedContracts))];

    public static IReadOnlyList<string> PublicHandlers(Assembly assembly) =>
        [.. assembly.GetTypes()
            .Where(t => t.IsVisible && t.GetInterfaces().Any(IsMediatorHandler))
            .Select(t => t.FullName!)];

    public static IReadOnlyList<string> PublicEndpoints(Assembly assembly) =>
        [.. assembly.GetTypes()
            .Where(t => t.IsVisible && (t.Name.EndsWith("Endpoint", StringComparison.Ordinal) || t.Name.EndsWith("Endpoints", StringComparison.Ordinal)))
            .Select(t => t.FullName!)];

    /// <summary>Library assemblies a host references beyond what it is meant to run.</summary>
    public static IReadOnlyList<string> UnexpectedLibraryReferences(Assembly host, IReadOnlySet<string> allowed) =>
        [.. host.GetReferencedAssemblies()
            .Select(a => a.Name!)
            .Where(name => name.StartsWith("Library.", StringComparison.Ordinal) && !allowed.Contains(name))];

    private static bool IsMediatorRequest(Type type) =>
        type.IsGenericType
        && type.Namespace == "Mediator"
        && type.Name is "ICommand`1" or "IQuery`1" or "IRequest`1";

    private static bool IsMediatorHandler(Type type) =>
        type.IsGenericType
        && type.Namespace == "Mediator"
        && type.Name.Contains("Handler", StringComparison.Ordinal);
}
