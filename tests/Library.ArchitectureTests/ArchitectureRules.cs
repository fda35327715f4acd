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

    public static readonly string[] ReadStore = ["Library.BuildingBlocks.ReadStore", "LiteDB", "MongoDB"];

    public static IReadOnlyList<string> TypesDependingOn(Assembly assembly, params string[] forbiddenNamespaces)
    {
        var result = Types.InAssembly(assembly)
            .ShouldNot()
            .HaveDependencyOnAny(forbiddenNamespaces)
            .GetResult();
        return result.IsSuccessful ? [] : [.. result.FailingTypeNames ?? []];
    }

    /// <summary>Contracts are shared with other services, so they may reference the BCL only.</summary>
    public static IReadOnlyList<string> NonBclReferences(Assembly assembly) =>
        [.. assembly.GetReferencedAssemblies()
            .Select(a => a.Name!)
            .Where(name => name is not ("netstandard" or "mscorlib")
                && !name.StartsWith("System", StringComparison.Ordinal)
                && !name.StartsWith("Microsoft.Win32", StringComparison.Ordinal))];

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

    private static bool IsMediatorHandler(Type type) =>
        type.IsGenericType
        && type.Namespace == "Mediator"
        && type.Name.Contains("Handler", StringComparison.Ordinal);
}
