/*
 * ui_fontscan.c - a font file's faces and their coverage, read with FreeType.
 *
 * The file is read through SDL's file API (UTF-8 paths, the wide API on
 * Windows), as SDL_ttf does, and FreeType reads only the tables it needs
 * (the character map, the name and OS/2 tables), so a 19 MB CJK collection
 * costs its cmaps, not its outlines.
 */
#include "ui_fontscan.h"

#include <SDL.h>
#include <ft2build.h>
#include FT_FREETYPE_H
#include FT_TRUETYPE_TABLES_H
#include <string.h>

/* FreeType's read callback over an SDL_RWops (a count of 0 is a seek). */
static unsigned long stream_read(FT_Stream stream, unsigned long offset, unsigned char *buffer,
                                 unsigned long count)
{
    SDL_RWops *file = stream->descriptor.pointer;
    if (SDL_RWseek(file, (Sint64)offset, RW_SEEK_SET) < 0)
        return count == 0 ? 1 : 0; /* for a seek, non-zero is the error */
    return count == 0 ? 0 : (unsigned long)SDL_RWread(file, buffer, 1, count);
}

/* Sans-serif by the font's own word (PANOSE, IBM class), else by its family name. */
static bool is_sans(const TT_OS2 *os2, const char *family)
{
    if (os2 != NULL && os2->version != 0xFFFFu) {
        if (os2->panose[0] == 2 && os2->panose[1] >= 11 && os2->panose[1] <= 13)
            return true;
        if ((os2->sFamilyClass >> 8) == 8)
            return true;
    }
    return strstr(family, "Serif") == NULL &&
           (strstr(family, "Sans") != NULL || strstr(family, "Gothic") != NULL ||
            (strlen(family) > 3 && strcmp(family + strlen(family) - 3, " UI") == 0));
}

/* Adds face (its coverage and style) to index; false when out of memory. */
static bool add_face(FT_Face face, const sm_ui_fontfile *file, long face_index,
                     sm_ui_fontindex *index)
{
    const char *family = face->family_name ? face->family_name : "";
    sm_ui_fontindex_face *entry = sm_ui_fontindex_add(index, file, face_index, family);
    if (entry == NULL)
        return false;
    const TT_OS2 *os2 = FT_Get_Sfnt_Table(face, FT_SFNT_OS2);
    unsigned flags = 0;
    if (face->style_flags & FT_STYLE_FLAG_ITALIC)
        flags |= SM_UI_FONTINDEX_ITALIC;
    if (face->style_flags & FT_STYLE_FLAG_BOLD)
        flags |= SM_UI_FONTINDEX_BOLD;
    if (is_sans(os2, family))
        flags |= SM_UI_FONTINDEX_SANS;
    if (FT_IS_FIXED_WIDTH(face) || strstr(family, "Mono") != NULL)
        flags |= SM_UI_FONTINDEX_MONO;
    if (FT_HAS_COLOR(face))
        flags |= SM_UI_FONTINDEX_COLOUR;
    entry->flags = flags;
    if (os2 != NULL && os2->version != 0xFFFFu && os2->usWeightClass <= 1000)
        entry->weight = os2->usWeightClass;
    /* SDL_ttf draws through the Unicode character map; without one the face covers nothing. */
    if (face->charmap == NULL || face->charmap->encoding != FT_ENCODING_UNICODE)
        if (FT_Select_Charmap(face, FT_ENCODING_UNICODE) != 0)
            return true;
    FT_UInt glyph = 0;
    for (FT_ULong cp = FT_Get_First_Char(face, &glyph); glyph != 0;
         cp = FT_Get_Next_Char(face, cp, &glyph)) {
        if (cp > 0x10FFFF)
            break;
        if (!sm_ui_fontindex_add_cp(entry, (uint32_t)cp))
            return false;
    }
    return true;
}

/* Every face of one file; how many were added (0 and a -1 entry if it is no font). */
static size_t scan_file(FT_Library library, const sm_ui_fontfile *file, sm_ui_fontindex *index,
                        bool *out_of_memory)
{
    size_t added = 0;
    SDL_RWops *rw = SDL_RWFromFile(file->path, "rb");
    Sint64 size = rw != NULL ? SDL_RWsize(rw) : -1;
    if (size > 0) {
        FT_StreamRec stream;
        memset(&stream, 0, sizeof stream);
        stream.descriptor.pointer = rw;
        stream.size = (unsigned long)size;
        stream.read = stream_read;
        FT_Open_Args args;
        memset(&args, 0, sizeof args);
        args.flags = FT_OPEN_STREAM;
        args.stream = &stream;
        long face_count = 1;
        for (long i = 0; i < face_count && !*out_of_memory; i++) {
            FT_Face face = NULL;
            if (FT_Open_Face(library, &args, i, &face) != 0)
                break;
            face_count = face->num_faces;
            if (add_face(face, file, i, index))
                added++;
            else
                *out_of_memory = true;
            FT_Done_Face(face);
        }
    }
    if (rw != NULL)
        SDL_RWclose(rw);
    if (added == 0 && !*out_of_memory && sm_ui_fontindex_add(index, file, -1, "") == NULL)
        *out_of_memory = true;
    return added;
}

size_t sm_ui_fontscan_files(const sm_ui_fontfile *files, size_t count, sm_ui_fontindex *index)
{
    FT_Library library = NULL;
    if (FT_Init_FreeType(&library) != 0)
        return 0;
    size_t added = 0;
    bool out_of_memory = false;
    for (size_t i = 0; i < count && !out_of_memory; i++)
        added += scan_file(library, &files[i], index, &out_of_memory);
    FT_Done_FreeType(library);
    return added;
}
