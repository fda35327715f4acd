using System.Collections;
using System.Collections.Concurrent;
using System.Reflection;

namespace Library.BuildingBlocks.Validation;

/// <summary>
/// Finds every text value of a message: its string properties, strings in lists, and those of the
/// request records it carries (a command wrapping its body), so the text rule reaches all of them
/// without a validator naming each. Field names are the JSON names a client sent: a nested body's
/// fields are named without the wrapper (<c>name</c>, not <c>changes.name</c>), list items by index.
/// </summary>
public static class MessageText
{
    private const int MaxDepth = 4;

    private static readonly ConcurrentDictionary<Type, TextField[]> FieldsByType = new();

    /// <summary>Each text value of <paramref name="message"/> that breaks <see cref="TextRules"/>, with its field name.</summary>
    public static IEnumerable<(string Field, string Problem)> Problems(object message)
    {
        foreach (var field in FieldsOf(message.GetType()))
        {
            foreach (var (name, text) in field.Values(message))
            {
                if (TextRules.Problem(text, field.FreeText) is { } problem)
                {
                    yield return (name, problem);
                }
            }
        }
    }

    /// <summary>The text fields of <paramref name="type"/> as the rule sees them; the tests enumerate them to prove coverage.</summary>
    public static IReadOnlyList<TextField> FieldsOf(Type type) => FieldsByType.GetOrAdd(type, t => [.. Discover(t, [], depth: 0)]);

    private static IEnumerable<TextField> Discover(Type type, PropertyInfo[] path, int depth)
    {
        foreach (var property in type.GetProperties(BindingFlags.Instance | BindingFlags.Public))
        {
            if (property.GetIndexParameters().Length > 0 || property.GetMethod is null)
            {
                continue;
            }

            PropertyInfo[] here = [.. path, property];
            var freeText = property.IsDefined(typeof(FreeTextAttribute), inherit: true);
            var propertyType = property.PropertyType;
            if (propertyType == typeof(string))
            {
                yield return new TextField(JsonName(property.Name), here, IsList: false, freeText);
            }
            else if (propertyType != typeof(string) && typeof(IEnumerable).IsAssignableFrom(propertyType)
                && propertyType.GetInterfaces().Append(propertyType).Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>) && i.GetGenericArguments()[0] == typeof(string)))
            {
                yield return new TextField(JsonName(property.Name), here, IsList: true, freeText);
            }
            else if (depth < MaxDepth && IsRequestRecord(propertyType))
            {
                foreach (var nested in Discover(propertyType, here, depth + 1))
                {
                    yield return nested;
                }
            }
        }
    }

    /// <summary>Our own request shapes (classes outside the framework), not values such as Guid or DateOnly.</summary>
    private static bool IsRequestRecord(Type type) =>
        type.IsClass && type != typeof(string) && type.Namespace is { } ns && !ns.StartsWith("System", StringComparison.Ordinal)
        && !ns.StartsWith("Microsoft", StringComparison.Ordinal);

    private static string JsonName(string name) => char.ToLowerInvariant(name[0]) + name[1..];

    /// <summary>One text property of a message (reached through <see cref="Path"/>), or a list of texts.</summary>
    public sealed record TextField(string Name, PropertyInfo[] Path, bool IsList, bool FreeText)
    {
        public IEnumerable<(string Name, string Text)> Values(object message)
        {
            object? current = message;
            foreach (var property in Path)
            {
                current = property.GetValue(current);
                if (current is null)
                {
                    yield break;
                }
            }

            if (!IsList)
            {
                yield return (Name, (string)current);
                yield break;
            }

            var index = 0;
            foreach (var item in (IEnumerable<string?>)current)
            {
                if (item is not null)
                {
                    yield return ($"{Name}[{index}]", item);
                }

                index++;
            }
        }
    }
}
