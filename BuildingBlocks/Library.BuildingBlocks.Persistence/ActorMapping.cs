using Library.BuildingBlocks.Contracts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Library.BuildingBlocks.Persistence;

public static class ActorMapping
{
    /// <summary>Subject and role as two columns of the owning row (<c>{prefix}_subject</c>, <c>{prefix}_role</c>): a value, with no identity of its own.</summary>
    public static ComplexPropertyBuilder<Actor> MapActor(this ComplexPropertyBuilder<Actor> actor, string prefix)
    {
        actor.Property(a => a.Subject).HasColumnName(prefix + "_subject").HasMaxLength(Actor.SubjectMaxLength);
        actor.Property(a => a.Role).HasColumnName(prefix + "_role").HasMaxLength(Actor.RoleMaxLength);
        return actor;
    }
}
