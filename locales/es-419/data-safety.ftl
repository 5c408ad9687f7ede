# Los datos de los miembros, a salvo: confirmación antes de borrar, entradas
# del catálogo que nunca se sobrescriben, reseñas que conservan su texto.

safety-cancel = Cancelar
safety-drama-exists = **{ $title }** ya está en el catálogo de este servidor y no se cambió nada. Para modificar sus datos, usa `/catalog edit`.
safety-track-exists = **{ $title }** ({ $drama }) ya está en el catálogo de este servidor y no se cambió nada. Para modificar sus datos, usa `/catalog edit`.
safety-shared-entry = Esa entrada es del catálogo compartido. Solo se pueden editar o eliminar las que agregó este servidor.
safety-nothing-to-edit = Indica al menos un campo para cambiar, por ejemplo `title` o `year`.
safety-not-your-confirmation = Solo puede responder la persona que lo pidió.
safety-confirmation-gone = Esta solicitud ya se respondió o venció. Vuelve a usar el comando.
safety-catalog-edited = Se actualizó **{ $entry }**. Los campos que no indicaste quedan igual.

safety-review-text-kept = Se conserva el texto que escribiste. Para quitarlo, vuelve a reseñar con `text: -`.
safety-track-in-other-drama = Esa canción no es de **{ $drama }**. ¿Buscabas **{ $track }**?
safety-review-that-track = Reseñar esta canción

safety-forget-prompt = Esto borra para siempre, en todos los servidores:
    • { $reviews ->
        [one] 1 reseña
       *[other] { $reviews } reseñas
    } y { $versions ->
        [one] 1 versión anterior
       *[other] { $versions } versiones anteriores
    }
    • tus votos en { $ballots ->
        [one] 1 encuesta
       *[other] { $ballots } encuestas
    }
    • { $nominations ->
        [one] 1 nominación semanal
       *[other] { $nominations } nominaciones semanales
    }
    Los puntajes de la comunidad van a cambiar en consecuencia. No se puede deshacer.
safety-forget-done = Listo. Se borró en todos los servidores: { $reviews ->
        [one] 1 reseña
       *[other] { $reviews } reseñas
    } (con { $versions ->
        [one] 1 versión anterior
       *[other] { $versions } versiones anteriores
    }), tus votos en { $ballots ->
        [one] 1 encuesta
       *[other] { $ballots } encuestas
    } y { $nominations ->
        [one] 1 nominación
       *[other] { $nominations } nominaciones
    }.

safety-remove-review-prompt = ¿Eliminar la reseña **#{ $id }** de **{ $author }** sobre { $subject } ({ $score }/10)? Va a quedar registrado.
safety-remove-review-confirm = Eliminar la reseña
safety-remove-review-kept = No se eliminó la reseña.

safety-config-reset-prompt = ¿Restablecer todos los ajustes de este servidor? Se desactivan el canal de reseñas, el canal de sugerencias, los roles y el ciclo semanal, y las páginas públicas dejan de estar disponibles (si las vuelves a activar, tendrán un enlace nuevo). Las encuestas abiertas se cierran a su hora.
safety-config-reset-confirm = Restablecer todo
safety-config-reset-kept = No se cambió nada.

safety-remove-entry-prompt = **{ $entry }** tiene datos de miembros: { $reviews ->
        [one] 1 reseña
       *[other] { $reviews } reseñas
    }, { $options ->
        [one] 1 opción de encuesta
       *[other] { $options } opciones de encuesta
    } y { $nominations ->
        [one] 1 nominación
       *[other] { $nominations } nominaciones
    }.
    Con **Ocultar** sale de las búsquedas y se conserva todo (las reseñas siguen en los perfiles y las exportaciones). **Eliminar** la borra para siempre junto con sus reseñas.
safety-remove-entry-hide = Ocultar y conservar las reseñas
safety-remove-entry-purge = Eliminar con sus reseñas
safety-remove-entry-kept = No se eliminó nada.
safety-remove-entry-hidden = La entrada ya no aparece en las búsquedas. Las reseñas de los miembros se conservan.
safety-remove-entry-purged = Se eliminaron la entrada y todo lo asociado a ella.
