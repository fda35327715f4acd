using System.Diagnostics.CodeAnalysis;
using Library.BuildingBlocks.Contracts;

namespace Library.BuildingBlocks.ReadStore;

/// <summary>An <see cref="Actor"/> as a read-store document part (settable, for both stores' mappers).</summary>
public sealed class ActorDocument
{
    public string Subject { get; set; } = "";

    public string Role { get; set; } = "";

    [return: NotNullIfNotNull(nameof(actor))]
    public static ActorDocument? From(Actor? actor) => actor is null ? null : new ActorDocument { Subject = actor.Subject, Role = actor.Role };

    public Actor ToActor() => new(Subject, Role);
}
