# Importaciones al catálogo (/catalog import, `ostbot import`): el informe y cada fila con problemas.

import-done = Importación lista. Nuevas: { $new }, actualizadas: { $updated }, sin cambios: { $unchanged }.
import-merged = { $merged ->
    [one] Se fusionó 1 copia local
   *[other] Se fusionaron { $merged } copias locales
} de servidores con las entradas globales, con sus reseñas e historial de encuestas.
import-dry-run = Prueba, no se guardó nada. Nuevas: { $new }, cambiarían: { $updated }, sin cambios: { $unchanged }.
import-refused = { $rows ->
    [one] No se importó nada: una fila tiene un problema.
   *[other] No se importó nada: { $rows } filas tienen problemas.
}
import-row = • línea { $line }: { $problem }
import-more-rows = { $rows ->
    [one] …y una más.
   *[other] …y { $rows } más.
}
import-error-not-utf8 = El archivo no es texto UTF-8. Guárdalo como UTF-8 (CSV o JSON) y vuelve a intentarlo.
import-error-no-header = La primera línea tiene que ser un encabezado CSV.
import-error-unknown-columns = El encabezado tiene que nombrar las columnas: `title,…` para dramas o `drama_id,title,…` para canciones.
import-error-bad-json = El JSON está mal formado cerca de la línea { $line }. Se esperaba {"{"}"dramas": [...], "tracks": [...]{"}"}.
import-row-bad-csv = la fila no es un CSV válido (cantidad incorrecta de campos o comillas mal cerradas)
import-row-wrong-kind = un valor es de un tipo incorrecto
import-row-wrong-kind-in-column = la columna { $column } tiene un valor de un tipo incorrecto
import-row-unreadable = no se pudo leer la fila
import-row-bad-json-drama = el drama { $index } tiene un campo de un tipo incorrecto
import-row-bad-json-track = la canción { $index } tiene un campo de un tipo incorrecto
import-row-drama-no-title = el drama no tiene título
import-row-track-no-title = la canción no tiene título
import-row-title-too-long = el título tiene más de { $max } caracteres
import-row-year = year debe estar entre 1950 y 2100; se recibió { $got }
import-row-episodes = episodes debe estar entre 1 y 2000; se recibió { $got }
import-row-rating = mdl_rating debe estar entre 0 y 10; se recibió { $got }
import-row-bad-id = id solo puede tener letras, dígitos y guiones (máximo 120); se recibió “{ $got }”
import-row-no-drama-named = la canción no indica ningún drama (drama_id o drama_title_ko)
import-row-bad-link = los enlaces deben ser URL http(s) de 512 caracteres como máximo; se recibió “{ $got }”
import-row-ost-part = ost_part debe estar entre 0 y 100; se recibió { $got }
import-row-verified = verified debe ser yes o no; se recibió “{ $got }”
import-row-unknown-drama = el drama “{ $drama }” no está en el catálogo
import-row-no-track-id = la fila no indica ningún track_id
import-row-unknown-track = la canción “{ $track }” no está en el catálogo compartido
import-row-track-listed-twice = la canción “{ $track }” ya tiene créditos en la línea { $line }
import-row-empty-artist = el nombre de un artista está vacío
import-row-artist-listed-twice = “{ $artist }” aparece dos veces en los créditos
import-row-unknown-artist = el artista “{ $artist }” no está en el catálogo
import-row-alias-kind = kind debe ser artist o track; se recibió “{ $got }”
import-row-bad-guild = local_in debe listar IDs de servidores; se recibió “{ $got }”
import-row-alias-listed-twice = el mismo alias ya está en la línea { $line }
